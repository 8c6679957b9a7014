using System.Text.Json;
using System.Text.RegularExpressions;
using MediaGateway.Application.Common.Validation;
using Xunit;

namespace MediaGateway.Application.UnitTests.Common;

public sealed class StoredTextTests
{
    // Test data travels as escapes (Regex.Unescape turns them into characters): a test runner may re-encode
    // theory data as UTF-8, which cannot carry an unpaired surrogate.
    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    [InlineData("Amélie — 天気の子")]
    [InlineData(@"pair \uD83C\uDFAC at the end \uD83C\uDFAC")]   // 🎬, a surrogate pair
    public void IsStorable_TextPostgresCanHold_IsTrue(string escaped) => Assert.True(StoredText.IsStorable(Regex.Unescape(escaped)));

    [Theory]
    [InlineData(@"a\u0000b")]
    [InlineData(@"\u0000")]
    [InlineData(@"high alone \uD83C")]
    [InlineData(@"\uD83C high before text")]
    [InlineData(@"low alone \uDFAC")]
    [InlineData(@"reversed \uDFAC\uD83C")]
    [InlineData(@"pair then lone \uD83C\uDFAC\uDFAC")]
    [InlineData(@"\uD83C\uDFAC a pair first, a lone low later \uDFAC")]
    public void IsStorable_NulOrUnpairedSurrogate_IsFalse(string escaped) => Assert.False(StoredText.IsStorable(Regex.Unescape(escaped)));

    [Theory]
    [InlineData("""{"a":"ok","list":[1,"two",{"b":null}]}""", true)]
    [InlineData("""{"a":"x\u0000"}""", false)]
    [InlineData("""{"a\u0000":1}""", false)]
    [InlineData("""{"a":["\ud800"]}""", false)]
    [InlineData("""{"\udc00":1}""", false)]
    [InlineData("""{"a":"\ud83c\udfac"}""", true)]
    [InlineData("""["ok","x\u0000"]""", false)]
    [InlineData("""{"a":"ok","b":"x\u0000"}""", false)]
    public void IsStorable_Json_ChecksEveryNameAndString(string json, bool storable)
    {
        using var document = JsonDocument.Parse(json);

        Assert.Equal(storable, StoredText.IsStorable(document.RootElement));
    }

    [Fact]
    public void Problem_NamesTheFieldAsClientsSendIt() =>
        Assert.Equal("'genre' must not contain NUL characters or unpaired surrogates.", StoredText.Problem("genre"));
}
