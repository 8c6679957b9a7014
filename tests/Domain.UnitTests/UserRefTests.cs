using MediaGateway.Domain.Identity;
using Xunit;

namespace MediaGateway.Domain.UnitTests;

public sealed class UserRefTests
{
    [Fact]
    public void SameUserIdInTwoTenants_AreDifferentUsers()
    {
        Assert.NotEqual(new UserRef("tenant-a", "alice"), new UserRef("tenant-b", "alice"));
        Assert.Equal(new UserRef("tenant-a", "alice"), new UserRef("tenant-a", "alice"));
    }

    [Theory]
    [InlineData("", "alice")]
    [InlineData("tenant", " ")]
    public void Blank_Throws(string tenant, string user)
    {
        Assert.Throws<ArgumentException>(() => new UserRef(tenant, user));
    }

    [Fact]
    public void OverlongId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new UserRef("t", new string('u', UserRef.MaxIdLength + 1)));
    }

    [Fact]
    public void Ids_UpTo255Characters_AreAccepted_LongerOrBlankAreNot()
    {
        var longest = new string('u', UserRef.MaxIdLength);

        var user = new UserRef(longest, longest);
        var tooLong = Assert.Throws<ArgumentException>(() => new UserRef("tenant", longest + "u"));
        var blank = Assert.Throws<ArgumentException>(() => new UserRef(" ", "user"));

        Assert.Equal($"{longest}/{longest}", user.ToString());
        Assert.Equal(("userId", "userId must be 1 to 255 characters. (Parameter 'userId')"), (tooLong.ParamName, tooLong.Message));
        Assert.Equal("tenantId", blank.ParamName);
    }
}
