using System.Globalization;
using System.Text.Json;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Tests;

public sealed class LocalizedTextTests
{
    private static readonly LocalizedText Kettle = new("电水壶", "Electric kettle");

    [Fact]
    public void An_exact_culture_gets_its_own_text()
    {
        Assert.Equal("Electric kettle", Kettle.Get(new CultureInfo("en")));
        Assert.Equal("电水壶", Kettle.Get(new CultureInfo("zh-CN")));
    }

    [Fact]
    public void A_specific_culture_falls_back_to_its_parent()
        => Assert.Equal("Electric kettle", Kettle.Get(new CultureInfo("en-GB")));

    [Fact]
    public void An_unknown_culture_falls_back_to_simplified_chinese()
        => Assert.Equal("电水壶", Kettle.Get(new CultureInfo("fr-FR")));

    [Fact]
    public void Without_chinese_an_unknown_culture_gets_any_text()
        => Assert.Equal("Kettle", new LocalizedText([new("en", "Kettle")]).Get(new CultureInfo("de")));

    [Fact]
    public void Empty_text_gives_an_empty_string()
        => Assert.Equal(string.Empty, new LocalizedText([]).Get(new CultureInfo("en")));

    [Fact]
    public void Blank_values_are_dropped()
    {
        var text = new LocalizedText([new("zh-CN", "水壶"), new("en", " ")]);
        Assert.False(text.Has("en"));
        Assert.Equal("水壶", text.Get(new CultureInfo("en")));
    }

    [Fact]
    public void Culture_names_are_matched_ignoring_case()
        => Assert.True(Kettle.Has("ZH-cn"));

    [Fact]
    public void Json_round_trip_keeps_every_culture()
    {
        var json = JsonSerializer.Serialize(Kettle);
        var back = JsonSerializer.Deserialize<LocalizedText>(json)!;

        Assert.Equal(2, back.Count);
        Assert.Equal("电水壶", back["zh-CN"]);
        Assert.Equal("Electric kettle", back["en"]);
    }

    [Fact]
    public void Serializes_as_an_object_of_culture_text_pairs()
    {
        var json = JsonSerializer.Serialize(new LocalizedText([new("en", "Fan")]));
        Assert.Equal("""{"en":"Fan"}""", json);
    }

    [Fact]
    public void A_bare_json_string_is_read_as_simplified_chinese()
    {
        var text = JsonSerializer.Deserialize<LocalizedText>("\"电风扇\"")!;

        Assert.Single(text);
        Assert.Equal("电风扇", text["zh-CN"]);
        Assert.Equal("电风扇", text.Get(new CultureInfo("en")));
    }

    [Fact]
    public void A_json_number_is_refused()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LocalizedText>("42"));

    [Fact]
    public void A_non_string_culture_value_is_refused()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LocalizedText>("""{"en":1}"""));
}
