using System.Net;
using MediaGateway.Application.Catalog;

namespace MediaGateway.Api.IntegrationTests.Catalog;

/// <summary>
/// 24 made-up titles in three clear clusters (space science fiction, romance, cooking documentaries), described in
/// words the model places apart. Sent without embeddings, so the in-process model embeds them.
/// </summary>
internal static class GenreCatalog
{
    public const string SciFi = "science fiction";
    public const string Romance = "romance";
    public const string Cooking = "cooking";

    public sealed record Title(string Cluster, string Name, string Kind, string[] Genres, string Description);

    public static readonly IReadOnlyList<Title> Titles =
    [
        SciFiTitle("Beyond the Kuiper Belt", "A starship crew travels past Neptune and fights to survive when the warp drive fails in deep space."),
        SciFiTitle("Orbital Siege", "Astronauts defend a space station from an alien fleet orbiting Mars."),
        SciFiTitle("The Last Colony Ship", "A generation starship carrying colonists to a distant planet faces a mutiny among its crew."),
        SciFiTitle("Nebula Runners", "Smugglers pilot a battered spaceship through an asteroid field to escape an interstellar empire."),
        SciFiTitle("Red Planet Rising", "The first astronauts on Mars uncover an ancient alien signal buried beneath their rocket's landing site."),
        SciFiTitle("Event Horizon Protocol", "Scientists aboard a research spacecraft orbit a black hole as time dilation tears the mission apart."),
        SciFiTitle("Starfall Armada", "Galactic war erupts when a fleet of alien starships invades the solar system."),
        SciFiTitle("Moonbase Echo", "An engineer alone on a lunar base must repair the oxygen reactor before the next supply rocket arrives from Earth."),

        RomanceTitle("Letters to Lisbon", "Two strangers fall in love through handwritten love letters and finally meet on a summer evening in Lisbon."),
        RomanceTitle("The Wedding Planner's Heart", "A wedding planner falls for the groom's best friend while organising a lavish wedding."),
        RomanceTitle("Autumn in Paris", "A widowed painter finds love again with a charming bookseller during a romantic autumn in Paris."),
        RomanceTitle("Second Chance Summer", "High school sweethearts reunite after ten years and rekindle their romance in a seaside town."),
        RomanceTitle("Love Across the Vineyard", "A city lawyer inherits a vineyard and falls in love with the winemaker who runs it."),
        RomanceTitle("Kiss at Midnight", "Two rivals share an unexpected kiss on New Year's Eve and must decide whether it was true love."),
        RomanceTitle("The Proposal Season", "A couple lives through jealousy, heartbreak and a surprise marriage proposal in one passionate summer."),
        RomanceTitle("Hearts in Harmony", "A shy pianist and a famous singer fall in love while writing romantic duets together."),

        CookingTitle("Salt, Fire and Bread", "A documentary following bakers around the world as they knead dough and bake bread in wood-fired ovens."),
        CookingTitle("The Noodle Masters", "Chefs in Japan and China reveal the recipes and techniques behind hand-pulled noodles and ramen broth."),
        CookingTitle("Street Food Journeys", "A food documentary tasting street food in Bangkok, Mexico City and Istanbul with the cooks who make it."),
        CookingTitle("Kitchen of the Seasons", "A farm-to-table chef cooks seasonal vegetables and shares recipes in this cooking documentary."),
        CookingTitle("Cheese Cellars of Europe", "A documentary about cheesemakers ageing cheese in cellars across France, Italy and Switzerland."),
        CookingTitle("Spice Routes", "A food historian travels through India and Morocco cooking dishes with cumin, saffron and cardamom."),
        CookingTitle("The Pastry Chefs", "Inside the kitchens of famous pastry chefs baking croissants, cakes and chocolate desserts."),
        CookingTitle("Barbecue Nation", "A documentary about pitmasters smoking brisket and ribs, and the recipes of American barbecue."),
    ];

    /// <summary>Ingests every title into <paramref name="tenant"/>'s catalog (one batch, no embeddings); the ids come back in order.</summary>
    public static async Task<Ingested> IngestAsync(ApiFactory api, string tenant)
    {
        var response = await api.ClientFor("feed", tenant, "ingest").PutAsJsonAsync("/api/v1/catalog/entities", new
        {
            entities = Titles.Select(t => new { kind = t.Kind, title = t.Name, year = 2020, genres = t.Genres, description = t.Description }),
        }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<CatalogIngestResult>(TestContext.Current.CancellationToken);
        Assert.Equal(Titles.Count, result!.Ids.Distinct().Count());
        return new Ingested(result.Ids.Zip(Titles).ToList());
    }

    private static Title SciFiTitle(string name, string description) => new(SciFi, name, "movie", ["Science Fiction", "Space"], description);

    private static Title RomanceTitle(string name, string description) => new(Romance, name, "movie", ["Romance", "Drama"], description);

    private static Title CookingTitle(string name, string description) => new(Cooking, name, "series", ["Documentary", "Food"], description);

    /// <summary>The stored catalog of one tenant: each title under the id the service gave it, in catalog order.</summary>
    public sealed class Ingested(IReadOnlyList<(Guid Id, Title Title)> entries)
    {
        private readonly Dictionary<Guid, Title> _byId = entries.ToDictionary(e => e.Id, e => e.Title);

        public IReadOnlyList<Guid> Ids { get; } = entries.Select(e => e.Id).ToList();

        /// <summary>The ids of one cluster, in catalog order.</summary>
        public IReadOnlyList<Guid> Of(string cluster) => entries.Where(e => e.Title.Cluster == cluster).Select(e => e.Id).ToList();

        public string ClusterOf(Guid id) => _byId[id].Cluster;

        public string NameOf(Guid id) => _byId[id].Name;
    }
}
