using MediaGateway.Application.EntityResolution;
using MediaGateway.Domain.EntityResolution;
using Microsoft.Extensions.Options;
using NSubstitute;
using NSubstitute.Core;

namespace MediaGateway.Application.UnitTests.EntityResolution;

/// <summary>
/// A substitute for <see cref="IEntityStore"/> backed by plain dictionaries, so a test states what is cached and
/// stored and the resolver under test reads it the way it would read the caching store over Postgres and Redis.
/// Every <see cref="IEntityStore.SaveAsync"/> call is recorded in <see cref="Saves"/>; by default it commits.
/// </summary>
internal sealed class ResolverHarness
{
    public const string Tenant = "tenant-a";

    public ResolverHarness()
    {
        Store.FindMappingsAsync(Arg.Any<string>(), Arg.Any<IReadOnlyCollection<ExternalId>>(), Arg.Any<CancellationToken>())
            .Returns(call => Task.FromResult<IReadOnlyDictionary<ExternalId, KnownMapping>>(Find(call.Arg<IReadOnlyCollection<ExternalId>>())));
        Store.FindCandidatesAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<MatchQuery>>(), Arg.Any<int>(), Arg.Any<double>(), Arg.Any<CancellationToken>())
            .Returns(call => Task.FromResult<IReadOnlyList<MatchCandidate>>(
                Candidates.Where(c => call.Arg<IReadOnlyList<MatchQuery>>().Any(q => q.Index == c.Index)).ToList()));
        Store.SaveAsync(Arg.Any<string>(), Arg.Any<IReadOnlyList<Entity>>(), Arg.Any<IReadOnlyList<MappingWrite>>(), Arg.Any<CancellationToken>())
            .Returns(Commit);
    }

    public IEntityStore Store { get; } = Substitute.For<IEntityStore>();

    /// <summary>What the cache tiers in front of Postgres hold (the store answers these with FromCache set).</summary>
    public Dictionary<ExternalId, CachedMapping> Cached { get; } = [];

    /// <summary>What Postgres holds.</summary>
    public Dictionary<ExternalId, KnownMapping> Stored { get; } = [];

    /// <summary>What the candidate query answers (filtered to the indexes actually queried).</summary>
    public List<MatchCandidate> Candidates { get; } = [];

    /// <summary>The arguments of every SaveAsync call, committed or not.</summary>
    public List<(IReadOnlyList<Entity> Entities, IReadOnlyList<MappingWrite> Mappings)> Saves { get; } = [];

    public EntityResolver Resolver() => new(Store, Options.Create(new EntityResolutionOptions()));

    /// <summary>Another request won the race: it stored <paramref name="winners"/> and this save is refused.</summary>
    public Task<SaveResult> LoseRace(CallInfo call, params KnownMapping[] winners)
    {
        Record(call);
        foreach (var winner in winners)
        {
            Stored[winner.Id] = winner;
        }

        return Task.FromResult(new SaveResult(false, []));
    }

    public Task<SaveResult> Commit(CallInfo call)
    {
        var (_, mappings) = Record(call);
        var stored = new List<KnownMapping>();
        foreach (var write in mappings)
        {
            var mapping = new KnownMapping(write.Id, write.EntityId, write.Confidence);
            Stored[write.Id] = mapping;
            stored.Add(mapping);
        }

        return Task.FromResult(new SaveResult(true, stored));
    }

    public static ExternalId Imdb(string value) => ExternalId.Parse("imdb", value);

    public static ExternalId Tmdb(string value, string kind) => ExternalId.Parse("tmdb", value, kind);

    public static ExternalIdDto ImdbDto(string value) => new("imdb", value);

    public static ResolutionRequestDto Request(string? title, int? year, string? kind, params ExternalIdDto[] ids) =>
        new(ids, title, year, kind);

    public static float[] Embedding(float value = 0.1f) => Enumerable.Repeat(value, Entity.EmbeddingDimensions).ToArray();

    private Dictionary<ExternalId, KnownMapping> Find(IReadOnlyCollection<ExternalId> ids)
    {
        var found = new Dictionary<ExternalId, KnownMapping>();
        foreach (var id in ids)
        {
            if (Cached.TryGetValue(id, out var cached))
            {
                found[id] = new KnownMapping(id, cached.EntityId, cached.Confidence, FromCache: true);
            }
            else if (Stored.TryGetValue(id, out var stored))
            {
                found[id] = stored;
            }
        }

        return found;
    }

    private (IReadOnlyList<Entity> Entities, IReadOnlyList<MappingWrite> Mappings) Record(CallInfo call)
    {
        IReadOnlyList<Entity> entities = [.. call.ArgAt<IReadOnlyList<Entity>>(1)];
        IReadOnlyList<MappingWrite> mappings = [.. call.ArgAt<IReadOnlyList<MappingWrite>>(2)];
        Saves.Add((entities, mappings));
        return (entities, mappings);
    }
}

/// <summary>What a cache tier holds for an external id.</summary>
internal sealed record CachedMapping(Guid EntityId, double Confidence);
