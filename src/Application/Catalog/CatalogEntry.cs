using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Application.Catalog;

/// <summary>
/// A catalog title as stored: the entity (id, kind, title, year, embedding) and what recommendations add to it.
/// <see cref="EmbeddingModel"/> names the model of the entity's embedding.
/// </summary>
public sealed record CatalogEntry(Entity Entity, IReadOnlyList<string> Genres, string? Description, string? MetadataJson, string? EmbeddingModel)
{
    /// <summary>The text a model embeds for a title: "Title. genre, genre. Description".</summary>
    public static string TextOf(string title, IReadOnlyList<string> genres, string? description)
    {
        var parts = new List<string>(3) { title.Trim() };
        if (genres.Count > 0)
        {
            parts.Add(string.Join(", ", genres));
        }

        if (!string.IsNullOrWhiteSpace(description))
        {
            parts.Add(description.Trim());
        }

        return string.Join(". ", parts);
    }

    public string Text => TextOf(Entity.Title, Genres, Description);
}
