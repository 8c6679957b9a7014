using MediaGateway.Api.Cli.Seed;
using MediaGateway.Application.Catalog;
using MediaGateway.Application.Recommendations;
using MediaGateway.Domain.Identity;
using MediaGateway.Domain.Recommendations;

namespace MediaGateway.Benchmarks;

/// <summary>
/// The catalog of an offline evaluation: the generated titles and their vectors, row <c>i</c> of one contiguous
/// N × <see cref="CatalogVectors.Dimensions"/> matrix, so a full-catalog scan walks memory in order.
/// </summary>
internal sealed class EvaluationCatalog
{
    public const int Width = CatalogVectors.Dimensions;

    private readonly float[] _matrix;
    private readonly double[] _norms;
    private readonly Dictionary<Guid, int> _indexes;

    public EvaluationCatalog(IReadOnlyList<SeedTitle> titles, IReadOnlyList<float[]> vectors, string modelId)
    {
        Titles = titles;
        ModelId = modelId;
        _matrix = new float[titles.Count * Width];
        _norms = new double[titles.Count];
        _indexes = new Dictionary<Guid, int>(titles.Count);
        for (var i = 0; i < titles.Count; i++)
        {
            vectors[i].AsSpan(0, Width).CopyTo(_matrix.AsSpan(i * Width, Width));
            _norms[i] = VectorMath.Norm(Row(i));
            _indexes.Add(titles[i].Id, i);
        }
    }

    public IReadOnlyList<SeedTitle> Titles { get; }

    public string ModelId { get; }

    public int Count => Titles.Count;

    public ReadOnlySpan<float> Row(int title) => _matrix.AsSpan(title * Width, Width);

    /// <summary>A copy of a row, for ports that hand out <c>float[]</c>.</summary>
    public float[] Vector(int title) => Row(title).ToArray();

    public int IndexOf(Guid id) => _indexes[id];

    /// <summary>Cosine similarity of <paramref name="vector"/> (of length <paramref name="norm"/>) with every title, into <paramref name="similarities"/>.</summary>
    public void Similarities(ReadOnlySpan<float> vector, double norm, Span<double> similarities)
    {
        for (var i = 0; i < Count; i++)
        {
            var norms = norm * _norms[i];
            similarities[i] = norms == 0 ? 0 : VectorMath.Dot(Row(i), vector) / norms;
        }
    }

    public double Cosine(int a, int b)
    {
        var norms = _norms[a] * _norms[b];
        return norms == 0 ? 0 : VectorMath.Dot(Row(a), Row(b)) / norms;
    }

    /// <summary>
    /// Indexes of the <paramref name="count"/> highest scores, highest first (ties: lower index first), skipping
    /// titles <paramref name="skip"/> names and, when <paramref name="positiveOnly"/>, scores of 0 or less.
    /// </summary>
    public static List<int> Top(ReadOnlySpan<double> scores, int count, Func<int, bool> skip, bool positiveOnly)
    {
        // A bounded min-heap: its root is the weakest of the best so far, and a candidate only has to beat it.
        var heap = new PriorityQueue<int, (double Score, int Index)>(count + 1, WeakestFirst.Instance);
        for (var i = 0; i < scores.Length; i++)
        {
            var score = scores[i];
            if ((positiveOnly && !(score > 0)) || skip(i))
            {
                continue;
            }

            if (heap.Count < count)
            {
                heap.Enqueue(i, (score, i));
            }
            else if (count > 0 && heap.TryPeek(out _, out var weakest) && WeakestFirst.Instance.Compare((score, i), weakest) > 0)
            {
                heap.EnqueueDequeue(i, (score, i));
            }
        }

        var top = new List<int>(heap.Count);
        while (heap.TryDequeue(out var index, out _))
        {
            top.Add(index);
        }

        top.Reverse();
        return top;
    }

    /// <summary>Orders (score, index) from weakest to strongest: a lower score, or the same score at a higher index.</summary>
    private sealed class WeakestFirst : IComparer<(double Score, int Index)>
    {
        public static readonly WeakestFirst Instance = new();

        public int Compare((double Score, int Index) x, (double Score, int Index) y) =>
            x.Score != y.Score ? x.Score.CompareTo(y.Score) : y.Index.CompareTo(x.Index);
    }
}

/// <summary>One interaction of the evaluation, its title as a catalog index and its weight as the service stores it.</summary>
internal readonly record struct EvaluationInteraction(int Title, InteractionType Type, int? Rating, DateTimeOffset At, double Weight);

/// <summary>
/// Every user's interactions in one time-ordered log, for the counts that look at all users: decayed popularity
/// and trending, as of an instant, from what happened strictly before it.
/// </summary>
internal sealed class InteractionLog
{
    private readonly long[] _ticks;
    private readonly int[] _titles;
    private readonly double[] _weights;
    private readonly int _catalogSize;

    public InteractionLog(IEnumerable<EvaluationInteraction> interactions, int catalogSize)
    {
        var ordered = interactions.OrderBy(i => i.At).ToArray();
        _ticks = [.. ordered.Select(i => i.At.UtcTicks)];
        _titles = [.. ordered.Select(i => i.Title)];
        _weights = [.. ordered.Select(i => i.Weight)];
        _catalogSize = catalogSize;
    }

    public int Count => _ticks.Length;

    /// <summary>
    /// Each title's summed weight × 2^(-age / <paramref name="halfLife"/>) over the interactions before
    /// <paramref name="at"/> (and, with a <paramref name="window"/>, after <paramref name="at"/> − window), as the
    /// trending job sums them (<c>TrendingSql.Materialise</c>), except that the instant itself is left out: the
    /// held-out interaction, and anything at its time, is the future.
    /// </summary>
    public double[] DecayedScores(DateTimeOffset at, TimeSpan? window, TimeSpan halfLife)
    {
        var end = FirstAtOrAfter(at.UtcTicks);
        var start = window is { } span ? FirstAtOrAfter(at.UtcTicks - span.Ticks + 1) : 0;
        var scores = new double[_catalogSize];
        var halfLifeTicks = (double)halfLife.Ticks;
        for (var i = start; i < end; i++)
        {
            scores[_titles[i]] += _weights[i] * Math.Pow(2, -(at.UtcTicks - _ticks[i]) / halfLifeTicks);
        }

        return scores;
    }

    private int FirstAtOrAfter(long ticks)
    {
        var index = Array.BinarySearch(_ticks, ticks);
        if (index < 0)
        {
            return ~index;
        }

        // Equal times may repeat: step back to the first of them.
        while (index > 0 && _ticks[index - 1] == ticks)
        {
            index--;
        }

        return index;
    }
}

/// <summary>
/// <see cref="IRecommendationStore"/> for one user at one instant of the evaluation: what the Postgres store would
/// answer had the service seen exactly the training interactions. The taste is folded here from those
/// interactions (the service folds the same <see cref="TasteProfile"/> as they are recorded), nearest titles are
/// exact over the whole catalog, and trending is the 7-day decayed count as of the held-out instant.
/// </summary>
internal sealed class InMemoryRecommendationStore(
    EvaluationCatalog catalog, InteractionLog log, IReadOnlyList<EvaluationInteraction> training, DateTimeOffset at, RecommendationOptions options)
    : IRecommendationStore
{
    public Task<UserTaste> GetTasteAsync(UserRef user, string modelId, int recentSignals, CancellationToken cancellationToken)
    {
        RequireModel(modelId);
        var profile = Taste();
        // RecommendationSql.RecentSignals: titles of positive interactions, by their newest such interaction, newest first.
        var recent = training.Where(i => i.Weight > 0).Reverse().Select(i => i.Title).Distinct().Take(recentSignals)
            .Select(title => new TasteSignal(catalog.Titles[title].Id, catalog.Titles[title].Title, catalog.Vector(title)))
            .ToList();
        var excluded = training.Select(i => catalog.Titles[i.Title].Id).ToHashSet();
        return Task.FromResult(new UserTaste(profile.Mean, profile.InteractionCount, recent, excluded));
    }

    /// <summary>The taste the service would hold after recording the training interactions.</summary>
    public TasteProfile Taste()
    {
        var profile = TasteProfile.Empty;
        foreach (var interaction in training)
        {
            profile = profile.Add(catalog.Row(interaction.Title), interaction.Weight, interaction.At, options.HalfLife);
        }

        return profile;
    }

    public Task<IReadOnlyList<NearTitle>> FindNearestAsync(
        string tenantId, string modelId, float[] vector, TitleFilter filter, IReadOnlyCollection<Guid> exclude, int count,
        CancellationToken cancellationToken)
    {
        RequireModel(modelId);
        RequireNoFilter(filter);
        var excluded = exclude.Select(catalog.IndexOf).ToHashSet();
        var similarities = new double[catalog.Count];
        catalog.Similarities(vector, VectorMath.Norm(vector), similarities);
        IReadOnlyList<NearTitle> nearest = EvaluationCatalog.Top(similarities, count, excluded.Contains, positiveOnly: false)
            .Select(i => Near(i, 1 - similarities[i]))
            .ToList();
        return Task.FromResult(nearest);
    }

    public Task<NearTitle?> GetTitleAsync(string tenantId, string modelId, Guid entityId, CancellationToken cancellationToken)
    {
        RequireModel(modelId);
        return Task.FromResult<NearTitle?>(Near(catalog.IndexOf(entityId), 0));
    }

    public Task<IReadOnlyList<TrendingTitle>> GetTrendingAsync(
        string tenantId, TrendingWindow window, TitleFilter filter, int count, CancellationToken cancellationToken)
    {
        RequireNoFilter(filter);
        var scores = log.DecayedScores(at, TrendingWindows.Length(window), TrendingWindows.HalfLife(window));
        // The trending job keeps TrendingDepth titles per window: no list is longer.
        IReadOnlyList<TrendingTitle> trending = EvaluationCatalog.Top(scores, Math.Min(count, options.TrendingDepth), _ => false, positiveOnly: true)
            .Select(i => Listed(i, scores[i]))
            .ToList();
        return Task.FromResult(trending);
    }

    public Task<IReadOnlyList<TrendingTitle>> GetNewestAsync(string tenantId, string modelId, TitleFilter filter, int count, CancellationToken cancellationToken)
    {
        RequireModel(modelId);
        RequireNoFilter(filter);
        // The seed command stores titles in catalog order: the highest index is the newest.
        IReadOnlyList<TrendingTitle> newest = Enumerable.Range(0, Math.Min(count, catalog.Count))
            .Select(n => Listed(catalog.Count - 1 - n, 0))
            .ToList();
        return Task.FromResult(newest);
    }

    private NearTitle Near(int index, double distance)
    {
        var title = catalog.Titles[index];
        return new NearTitle(title.Id, title.Title, title.Kind, title.Year, catalog.Vector(index), distance);
    }

    private TrendingTitle Listed(int index, double score)
    {
        var title = catalog.Titles[index];
        return new TrendingTitle(title.Id, title.Title, title.Kind, title.Year, score);
    }

    private void RequireModel(string modelId)
    {
        if (modelId != catalog.ModelId)
        {
            throw new InvalidOperationException($"The evaluation's vectors are of {catalog.ModelId}, not {modelId}.");
        }
    }

    private static void RequireNoFilter(TitleFilter filter)
    {
        if (filter != TitleFilter.Any)
        {
            throw new NotSupportedException("The evaluation ranks the whole catalog: no kind or genre filter.");
        }
    }
}

/// <summary>The handler asks only for the model's id: titles are embedded before the evaluation starts.</summary>
internal sealed class PreEmbeddedModel(string modelId) : ITextEmbedder
{
    public string ModelId { get; } = modelId;

    public Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The evaluation embeds every title before it starts; nothing is embedded while it runs.");
}
