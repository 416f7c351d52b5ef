using System.Text.Json;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Markets;

namespace SmartTrade.Sdk.Tests;

public sealed class AttributeValueJsonTests
{
    public static TheoryData<string, string> Values => new()
    {
        { "text", """{"type":"Text","value":"304 不锈钢内胆"}""" },
        { "keyword", """{"type":"Keyword","value":"T30S"}""" },
        { "integer", """{"type":"Integer","value":1800}""" },
        { "negative", """{"type":"Integer","value":-20}""" },
        { "boolean", """{"type":"Boolean","value":true}""" },
        { "date", """{"type":"Date","value":"2025-03-01"}""" },
        { "choice", """{"type":"Choice","value":"CCC"}""" },
        { "multi", """{"type":"MultiChoice","value":["CCC","CE"]}""" },
    };

    private static AttributeValue Sample(string name) => name switch
    {
        "text" => AttributeValue.Text("304 不锈钢内胆"),
        "keyword" => AttributeValue.Keyword("T30S"),
        "integer" => AttributeValue.Integer(1800),
        "negative" => AttributeValue.Integer(-20),
        "boolean" => AttributeValue.Boolean(true),
        "date" => AttributeValue.Date(new DateOnly(2025, 3, 1)),
        "choice" => AttributeValue.Choice("CCC"),
        "multi" => AttributeValue.MultiChoice(["CCC", "CE"]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static readonly JsonSerializerOptions Relaxed = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_serializes_with_its_type_and_natural_json_value(string name, string expectedJson)
        => Assert.Equal(expectedJson, JsonSerializer.Serialize(Sample(name), Relaxed));

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_round_trips_to_an_equal_value(string name, string json)
    {
        var value = Sample(name);

        Assert.Equal(value, JsonSerializer.Deserialize<AttributeValue>(json));
        Assert.Equal(value, JsonSerializer.Deserialize<AttributeValue>(JsonSerializer.Serialize(value)));
    }

    [Fact]
    public void Attributes_of_a_listing_round_trip_as_a_dictionary()
    {
        IReadOnlyDictionary<string, AttributeValue> attributes = new Dictionary<string, AttributeValue>
        {
            ["brand"] = AttributeValue.Keyword("midea"),
            ["powerWatts"] = AttributeValue.Integer(1800),
            ["certifications"] = AttributeValue.MultiChoice(["CCC"]),
        };

        var back = JsonSerializer.Deserialize<IReadOnlyDictionary<string, AttributeValue>>(JsonSerializer.Serialize(attributes))!;

        Assert.Equal(attributes.OrderBy(p => p.Key), back.OrderBy(p => p.Key));
    }

    [Fact]
    public void Bare_json_values_are_read_by_their_json_type()
    {
        Assert.Equal(AttributeValue.Integer(1800), JsonSerializer.Deserialize<AttributeValue>("1800"));
        Assert.Equal(AttributeValue.Boolean(false), JsonSerializer.Deserialize<AttributeValue>("false"));
        Assert.Equal(AttributeValue.Text("midea"), JsonSerializer.Deserialize<AttributeValue>("\"midea\""));
        Assert.Equal(AttributeValue.MultiChoice(["CCC", "CE"]), JsonSerializer.Deserialize<AttributeValue>("""["CCC","CE"]"""));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("""{"type":"Integer","value":1.5}""")]
    [InlineData("""{"type":"Integer","value":"many"}""")]
    [InlineData("""{"type":"Date","value":"01/03/2025"}""")]
    [InlineData("""{"type":"Colour","value":"red"}""")]
    [InlineData("""{"value":"red"}""")]
    [InlineData("""{"type":"Keyword","value":""}""")]
    public void Values_that_do_not_fit_are_refused(string json)
        => Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<AttributeValue>(json));

    [Fact]
    public void Values_of_different_types_are_not_equal()
    {
        Assert.NotEqual(AttributeValue.Text("CCC"), AttributeValue.Keyword("CCC"));
        Assert.NotEqual(AttributeValue.Choice("CCC"), AttributeValue.MultiChoice(["CCC"]));
        Assert.NotEqual(AttributeValue.Integer(1), AttributeValue.Boolean(true));
    }

    [Fact]
    public void Each_value_exposes_only_its_own_accessor()
    {
        var power = AttributeValue.Integer(1800);
        Assert.Equal(AttributeType.Integer, power.Type);
        Assert.Equal(1800, power.IntegerValue);
        Assert.Null(power.StringValue);
        Assert.Null(power.BooleanValue);
        Assert.Empty(power.Codes);

        Assert.Equal(new DateOnly(2025, 3, 1), AttributeValue.Date(new DateOnly(2025, 3, 1)).DateValue);
        Assert.Equal(["CCC"], AttributeValue.Choice("CCC").Codes);
    }

    [Fact]
    public void Multi_choice_drops_duplicate_codes()
        => Assert.Equal(["CCC", "CE"], AttributeValue.MultiChoice(["CCC", "CE", "CCC"]).Codes);
}
