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
    public int ExactSearchMaxTitles { get; set; } = 2_000;

    /// <summary>
    /// Candidates the HNSW walk keeps (hnsw.ef_search; at least the rows asked for). At 100,000 titles recall@20 was
    /// 0.887 at 100, 0.941 at 200 and 0.961 at 300 (p50 5.4, 6.5 and 7.9 ms in process; `recommendation-search` probe).
    /// </summary>
    [Range(1, 1_000)]
    public int EfSearch { get; set; } = 300;

    /// <summary>
    /// hnsw.iterative_scan: <c>relaxed_order</c> (rows may come slightly out of distance order; the store re-sorts
    /// them) or <c>strict_order</c>.
    /// </summary>
    [RegularExpression("^(relaxed_order|strict_order)$")]
    public string IterativeScan { get; set; } = "relaxed_order";

    /// <summary>Most index tuples an iterative scan visits before giving up (hnsw.max_scan_tuples).</summary>
    [Range(1, 10_000_000)]
    public int MaxScanTuples { get; set; } = 20_000;

    /// <summary>How long a tenant's title count (which picks the strategy) and trending lists are cached.</summary>
    [Range(1, 3_600)]
    public int CacheSeconds { get; set; } = 30;
}
