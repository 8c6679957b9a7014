using System.ComponentModel.DataAnnotations;

namespace MediaGateway.Infrastructure.Recommendations;

/// <summary>Configuration section <c>Recommendations:Search</c>: how nearest titles are found.</summary>
public sealed class VectorSearchOptions
{
    public const string SectionName = "Recommendations:Search";

    /// <summary>
    /// A tenant with at most this many titles (of the model) is searched exactly: comparing every title is then
    /// cheap, and an HNSW walk over a large tenant's vectors would have to pass many before finding the small one's.
    /// </summary>
    [Range(0, 10_000_000)]
    public int ExactSearchMaxTitles { get; set; } = 20_000;

    /// <summary>Candidates the HNSW walk keeps (hnsw.ef_search); at least the number of rows asked for is used.</summary>
    [Range(1, 1_000)]
    public int EfSearch { get; set; } = 100;

    /// <summary>Most index tuples an iterative scan visits before giving up (hnsw.max_scan_tuples).</summary>
    [Range(1, 10_000_000)]
    public int MaxScanTuples { get; set; } = 20_000;

    /// <summary>How long a tenant's title count (which picks the strategy) and trending lists are cached.</summary>
    [Range(1, 3_600)]
    public int CacheSeconds { get; set; } = 30;
}
