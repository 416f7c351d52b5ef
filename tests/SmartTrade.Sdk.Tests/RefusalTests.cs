using Microsoft.AspNetCore.Http.HttpResults;
using SmartTrade.Sdk.Http;

namespace SmartTrade.Sdk.Tests;

public sealed class RefusalTests
{
    private sealed record FreightRefusal(int Status, string Code, string Detail, string? Field = null)
        : Refusal(Status, "/problems/acme-freight/" + Code, Code, Detail, Field);

    [Fact]
    public void A_refusal_of_a_field_answers_problem_details_with_its_type_code_and_the_field_under_errors()
    {
        var problem = Assert.IsType<ProblemHttpResult>(new FreightRefusal(400, "invalid-weight", "The weight is 1 to 40,000 kg.", "weightKg").ToProblem());

        Assert.Equal(400, problem.StatusCode);
        Assert.Equal("/problems/acme-freight/invalid-weight", problem.ProblemDetails.Type);
        Assert.Equal("The request is not valid", problem.ProblemDetails.Title);
        Assert.Equal("The weight is 1 to 40,000 kg.", problem.ProblemDetails.Detail);
        Assert.Equal("invalid-weight", problem.ProblemDetails.Extensions["code"]);
        var errors = Assert.IsType<Dictionary<string, string[]>>(problem.ProblemDetails.Extensions["errors"]);
        Assert.Equal(["The weight is 1 to 40,000 kg."], errors["weightKg"]);
    }

    [Fact]
    public void A_refusal_without_a_field_has_no_errors_and_a_title_for_its_status()
    {
        var problem = Assert.IsType<ProblemHttpResult>(new FreightRefusal(409, "already-booked", "Booked already.").ToProblem());

        Assert.Equal(409, problem.StatusCode);
        Assert.Equal("Conflict", problem.ProblemDetails.Title);
        Assert.False(problem.ProblemDetails.Extensions.ContainsKey("errors"));
    }

    [Theory]
    [InlineData(403, "Forbidden")]
    [InlineData(404, "Not found")]
    [InlineData(422, "Request refused")]
    public void Each_status_has_the_title_the_plugins_answered_before(int status, string title)
        => Assert.Equal(title, Refusal.TitleOf(status));
}
