namespace MediaGateway.Api.Security;

public static class ClaimNames
{
    public const string Subject = "sub";
    public const string Tenant = "tenant";
    public const string Role = "role";
}

public static class Roles
{
    public const string Admin = "admin";
    public const string Ingest = "ingest";
}

public static class Policies
{
    /// <summary>Operators: role <c>admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Catalog feeds: role <c>ingest</c>, or <c>admin</c>.</summary>
    public const string Ingest = "ingest";
}
