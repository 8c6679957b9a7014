namespace MediaGateway.Domain.EntityResolution;

/// <summary>
/// How well a candidate entity matches a request's title, kind, year and embedding, from 0 to 1. Kind must be
/// equal and years at most one apart, or the score is 0: remakes share titles ("RoboCop" 1987 and 2014).
/// </summary>
public static class MatchScore
{
    /// <summary>A candidate one year off (release in one country, festival in another) scores slightly lower.</summary>
    public const double AdjacentYearFactor = 0.97;

    /// <summary>With a year missing on either side nothing rules out a remake, so the score is discounted.</summary>
    public const double UnknownYearFactor = 0.9;

    /// <param name="titleSimilarity">Trigram similarity of the normalised titles (0..1), null when the request has no title.</param>
    /// <param name="embeddingSimilarity">Cosine similarity of the embeddings (-1..1), null when either has none.</param>
    public static (double Score, ResolutionMethod Method) Compute(
        EntityKind requestKind, int? requestYear, EntityKind candidateKind, int? candidateYear,
        double? titleSimilarity, double? embeddingSimilarity)
    {
        // NaN (a cosine against a zero vector) carries no evidence: treat it as absent.
        titleSimilarity = titleSimilarity is { } t && double.IsNaN(t) ? null : titleSimilarity;
        embeddingSimilarity = embeddingSimilarity is { } e && double.IsNaN(e) ? null : embeddingSimilarity;
        if (requestKind != candidateKind || (titleSimilarity is null && embeddingSimilarity is null))
        {
            return (0, ResolutionMethod.Fuzzy);
        }

        double yearFactor;
        if (requestYear is null || candidateYear is null)
        {
            yearFactor = UnknownYearFactor;
        }
        else
        {
            var distance = Math.Abs(requestYear.Value - candidateYear.Value);
            if (distance > 1)
            {
                return (0, ResolutionMethod.Fuzzy);
            }

            yearFactor = distance == 0 ? 1 : AdjacentYearFactor;
        }

        var title = Math.Clamp(titleSimilarity ?? 0, 0, 1);
        var embedding = Math.Clamp(embeddingSimilarity ?? 0, 0, 1);
        var similarity = (titleSimilarity, embeddingSimilarity) switch
        {
            (not null, not null) => (title + embedding) / 2,
            (not null, null) => title,
            _ => embedding,
        };
        var method = embeddingSimilarity is not null && embedding > title ? ResolutionMethod.Embedding : ResolutionMethod.Fuzzy;
        return (Math.Round(similarity * yearFactor, 4), method);
    }
}
