using MediaGateway.Domain.EntityResolution;

namespace MediaGateway.Infrastructure.IntegrationTests.EntityResolution;

/// <summary>
/// Real film and series titles, chosen the way catalogs collide: titles that share words and differ by one
/// ("Love Actually", "Love Story"), sequels, remakes years apart, and one title as a film and as a series.
/// </summary>
internal static class RealTitles
{
    public sealed record Title(string Name, int Year, EntityKind Kind = EntityKind.Movie);

    public static readonly Title[] All =
    [
        new("Love Actually", 2003), new("Love Story", 1970), new("Crazy, Stupid, Love", 2011), new("Love & Other Drugs", 2010),
        new("Shakespeare in Love", 1998), new("Punch-Drunk Love", 2002), new("Love, Simon", 2018), new("Love and Death", 1975),
        new("Night of the Living Dead", 1968), new("Night of the Living Dead", 1990), new("Dawn of the Dead", 1978),
        new("Dawn of the Dead", 2004), new("Day of the Dead", 1985), new("Shaun of the Dead", 2004), new("The Evil Dead", 1981),
        new("Evil Dead II", 1987), new("Dead Poets Society", 1989), new("Dead Man Walking", 1995), new("Dead Man", 1995),
        new("The Walking Dead", 2010, EntityKind.Series), new("Dead to Me", 2019, EntityKind.Series),
        new("The Night of the Hunter", 1955), new("A Night at the Opera", 1935), new("Night at the Museum", 2006),
        new("The Long Night", 2022), new("Nightcrawler", 2014), new("In the Heat of the Night", 1967), new("Heat", 1995),
        new("The Last Samurai", 2003), new("The Last Emperor", 1987), new("The Last of the Mohicans", 1992),
        new("The Last of Us", 2023, EntityKind.Series), new("The Last Picture Show", 1971), new("Last Tango in Paris", 1972),
        new("The Last King of Scotland", 2006), new("Last Action Hero", 1993), new("The Last Duel", 2021),
        new("House of Games", 1987), new("House of Wax", 1953), new("House of Wax", 2005), new("House of Cards", 2013, EntityKind.Series),
        new("House of the Dragon", 2022, EntityKind.Series), new("The House with a Clock in Its Walls", 2018), new("Animal House", 1978),
        new("Dr. House", 2004, EntityKind.Series), new("Bleak House", 2005, EntityKind.Series), new("The Haunting of Hill House", 2018, EntityKind.Series),
        new("Man on Fire", 2004), new("Man of Steel", 2013), new("The Man Who Knew Too Much", 1934), new("The Man Who Knew Too Much", 1956),
        new("Rain Man", 1988), new("The Elephant Man", 1980), new("Iron Man", 2008), new("Iron Man 2", 2010), new("Iron Man 3", 2013),
        new("Spider-Man", 2002), new("Spider-Man 2", 2004), new("The Amazing Spider-Man", 2012), new("Spider-Man: Homecoming", 2017),
        new("A Single Man", 2009), new("The Third Man", 1949), new("Man Hunt", 1941), new("Mad Men", 2007, EntityKind.Series),
        new("The Dark Knight", 2008), new("The Dark Knight Rises", 2012), new("Dark City", 1998), new("Dark", 2017, EntityKind.Series),
        new("Zero Dark Thirty", 2012), new("Dark Waters", 2019), new("Darkest Hour", 2017),
        new("Star Wars", 1977), new("Star Trek", 2009), new("Star Trek", 1966, EntityKind.Series), new("A Star Is Born", 1937),
        new("A Star Is Born", 1954), new("A Star Is Born", 1976), new("A Star Is Born", 2018), new("Lone Star", 1996),
        new("Blood Diamond", 2006), new("There Will Be Blood", 2007), new("First Blood", 1982), new("Blood Simple", 1984),
        new("True Blood", 2008, EntityKind.Series), new("In Cold Blood", 1967),
        new("Fargo", 1996), new("Fargo", 2014, EntityKind.Series), new("Westworld", 1973), new("Westworld", 2016, EntityKind.Series),
        new("M*A*S*H", 1970), new("M*A*S*H", 1972, EntityKind.Series), new("Shogun", 1980, EntityKind.Series), new("Shogun", 2024, EntityKind.Series),
        new("Alien", 1979), new("Aliens", 1986), new("Alien 3", 1992), new("Toy Story", 1995), new("Toy Story 2", 1999),
        new("Toy Story 3", 2010), new("Before Sunrise", 1995), new("Before Sunset", 2004), new("Before Midnight", 2013),
        new("The Godfather", 1972), new("The Godfather Part II", 1974), new("The Godfather Part III", 1990),
        new("Schindler's List", 1993), new("The King's Speech", 2010), new("Ocean's Eleven", 1960), new("Ocean's Eleven", 2001),
        new("Ocean's Twelve", 2004), new("The Handmaid's Tale", 2017, EntityKind.Series), new("The Queen's Gambit", 2020, EntityKind.Series),
        new("Mission: Impossible", 1996), new("Mission: Impossible", 1966, EntityKind.Series), new("Mission to Mars", 2000),
        new("The Good, the Bad and the Ugly", 1966), new("Good Will Hunting", 1997), new("The Good Wife", 2009, EntityKind.Series),
        new("Good Morning, Vietnam", 1987), new("The Good Place", 2016, EntityKind.Series), new("Goodfellas", 1990),
        new("The Lion King", 1994), new("The Lion King", 2019), new("King Kong", 1933), new("King Kong", 1976), new("King Kong", 2005),
        new("The King of Comedy", 1982), new("The Fisher King", 1991), new("Kingdom of Heaven", 2005),
        new("Little Women", 1994), new("Little Women", 2019), new("Little Miss Sunshine", 2006), new("Big Little Lies", 2017, EntityKind.Series),
        new("Big", 1988), new("The Big Lebowski", 1998), new("The Big Sleep", 1946), new("The Big Short", 2015), new("Big Fish", 2003),
        new("The Big Bang Theory", 2007, EntityKind.Series), new("Pretty Little Liars", 2010, EntityKind.Series),
        new("City of God", 2002), new("City Lights", 1931), new("Sin City", 2005), new("The Naked City", 1948),
        new("Sex and the City", 1998, EntityKind.Series), new("Midnight in Paris", 2011), new("Midnight Cowboy", 1969),
        new("Midnight Express", 1978), new("Amélie", 2001), new("Léon: The Professional", 1994), new("Pan's Labyrinth", 2006),
        new("The Secret Life of Walter Mitty", 2013), new("The Secret Life of Pets", 2016), new("The Secret in Their Eyes", 2009),
        new("Secrets & Lies", 1996), new("Life Is Beautiful", 1997), new("Life of Pi", 2012), new("Life of Brian", 1979),
        new("The Lives of Others", 2006), new("It's a Wonderful Life", 1946), new("The Tree of Life", 2011),
        new("Sherlock", 2010, EntityKind.Series), new("Sherlock Holmes", 2009), new("Breaking Bad", 2008, EntityKind.Series),
        new("Better Call Saul", 2015, EntityKind.Series), new("Game of Thrones", 2011, EntityKind.Series), new("The Game", 1997),
        new("The Imitation Game", 2014), new("Squid Game", 2021, EntityKind.Series), new("Ender's Game", 2013),
        new("Notorious", 1946), new("Notorious", 2009), new("Psycho", 1960), new("Psycho", 1998), new("Halloween", 1978),
        new("Halloween", 2007), new("Halloween", 2018), new("Dune", 1984), new("Dune", 2021), new("Dune: Part Two", 2024),
    ];
}
