using MediaGateway.Domain.EntityResolution;
using MediaGateway.Domain.Common;
using Xunit;

namespace MediaGateway.Domain.UnitTests.Catalog;

public sealed class EidrTests
{
    [Theory]
    [InlineData("779185342C2390308610", '5')]
    [InlineData("0EFB02CD126E80921E49", 'W')]
    [InlineData("0efb02cd126e80921e49", 'W')]
    public void CheckCharacter_OfRealIds_MatchesRegistry(string hexDigits, char expected)
    {
        var check = Eidr.CheckCharacter(hexDigits);

        Assert.Equal(expected, check);
    }

    [Theory]
    [InlineData("779185342C2390308610")]
    [InlineData("0EFB02CD126E80921E49")]
    [InlineData("00000000000000000000")]
    [InlineData("FFFFFFFFFFFFFFFFFFFF")]
    public void CheckCharacter_ChangingOneDigit_ChangesIt(string hexDigits)
    {
        var original = Eidr.CheckCharacter(hexDigits);
        var changed = hexDigits[..7] + (hexDigits[7] == '1' ? '2' : '1') + hexDigits[8..];

        Assert.NotEqual(original, Eidr.CheckCharacter(changed));
    }

    [Theory]
    [InlineData("779185342C239030861")]
    [InlineData("779185342C23903086100")]
    [InlineData("")]
    public void CheckCharacter_WrongLength_Throws(string hexDigits)
    {
        Assert.Throws<ArgumentException>(() => Eidr.CheckCharacter(hexDigits));
    }

    [Theory]
    [InlineData("10.5240/7791-8534-2C23-9030-8610-5")]
    [InlineData("10.5240/0EFB-02CD-126E-8092-1E49-W")]
    public void Parse_RealId_KeepsCanonicalDoi(string value)
    {
        var id = ExternalId.Parse(ExternalIdType.Eidr, value);

        Assert.Equal((ExternalIdType.Eidr, value), (id.Type, id.Value));
        Assert.Null(id.Kind);
        Assert.Equal(value, id.Number);
    }

    [Theory]
    [InlineData("10.5240/0efb-02cd-126e-8092-1e49-w")]
    [InlineData("doi:10.5240/0EFB-02CD-126E-8092-1E49-W")]
    [InlineData("DOI:10.5240/0efb-02cd-126e-8092-1e49-W")]
    [InlineData("https://doi.org/10.5240/0EFB-02CD-126E-8092-1E49-W")]
    [InlineData("http://dx.doi.org/10.5240/0efb-02cd-126e-8092-1e49-w")]
    [InlineData("  10.5240/0EFB-02CD-126E-8092-1E49-W  ")]
    public void Parse_OtherSpellings_YieldCanonicalUpperCaseDoi(string value)
    {
        var id = ExternalId.Parse(ExternalIdType.Eidr, value);

        Assert.Equal("10.5240/0EFB-02CD-126E-8092-1E49-W", id.Value);
    }

    [Fact]
    public void Parse_WrongCheckCharacter_ThrowsNamingTheExpectedOne()
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse(ExternalIdType.Eidr, "10.5240/7791-8534-2C23-9030-8610-6"));

        Assert.Equal("value", error.Field);
        Assert.Contains("'5'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.5240/7791-8534-2C23-9030-5")]
    [InlineData("10.5240/7791-8534-2C23-9030-8610")]
    [InlineData("10.5240/7791-8534-2C23-9030-8610-0000-5")]
    [InlineData("10.5240/7791-8534-2C23-9030-861-5")]
    [InlineData("10.5240/7791-8534-2C23-9030-86100-5")]
    [InlineData("10.5240/7791-8534-2C23-9030-8610-55")]
    [InlineData("10.5240/7791-8534-2C23-9030-8610-")]
    [InlineData("10.5240/7791-8534-2G23-9030-8610-5")]
    [InlineData("10.5240/7791-8534-2C23-9030-8610-*")]
    [InlineData("10.5240/779185342C2390308610-5")]
    [InlineData("7791-8534-2C23-9030-8610-5")]
    [InlineData("10.5241/7791-8534-2C23-9030-8610-5")]
    [InlineData("https://example.org/10.5240/7791-8534-2C23-9030-8610-5")]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Malformed_ThrowsOnValue(string value)
    {
        var error = Assert.Throws<DomainException>(() => ExternalId.Parse(ExternalIdType.Eidr, value));

        Assert.Equal("value", error.Field);
    }
}
