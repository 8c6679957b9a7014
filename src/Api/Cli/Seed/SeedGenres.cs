namespace MediaGateway.Api.Cli.Seed;

/// <summary>
/// One genre's vocabulary. Titles and descriptions of a genre are built mostly from its own words, so a sentence
/// model places them near each other; the sentence frames around the words are shared by every genre.
/// </summary>
internal sealed class SeedGenre
{
    /// <summary>The lower-case name stored with a title ("sci-fi").</summary>
    public required string Name { get; init; }

    /// <summary>The word used before "series" or "twist": "a science-fiction series", "with a romantic twist".</summary>
    public required string Adjective { get; init; }

    /// <summary>Relative share of the catalog and of users' favourites.</summary>
    public required int Weight { get; init; }

    public required int FirstYear { get; init; }

    /// <summary>Share of new (not derived) titles that are series rather than movies.</summary>
    public required double SeriesShare { get; init; }

    /// <summary>Genres that plausibly come second on a title of this genre.</summary>
    public required IReadOnlyList<string> Companions { get; init; }

    public required IReadOnlyList<string> Labels { get; init; }

    public required IReadOnlyList<string> Tones { get; init; }

    public required IReadOnlyList<string> Adjectives { get; init; }

    public required IReadOnlyList<string> Nouns { get; init; }

    public required IReadOnlyList<string> Places { get; init; }

    public required IReadOnlyList<string> Characters { get; init; }

    /// <summary>Third person, taking a noun as object: "uncovers", "tracks down".</summary>
    public required IReadOnlyList<string> Verbs { get; init; }

    public required IReadOnlyList<string> Themes { get; init; }
}

/// <summary>The twelve genres of the demo catalog, most popular first.</summary>
internal static class SeedGenres
{
    /// <summary>Title words any genre may use ("The Last Harbor"), drawn less often than the genre's own.</summary>
    public static readonly IReadOnlyList<string> CommonAdjectives =
        ["last", "lost", "final", "long", "silent", "broken", "second", "endless", "great", "black", "white", "only", "new", "other", "hidden"];

    /// <summary>For "Maria's Promise" and "Jack and the Dragon".</summary>
    public static readonly IReadOnlyList<string> FirstNames =
    [
        "Maria", "Jack", "Elena", "Sam", "Lucy", "Tom", "Nora", "Leo", "Rosa", "Max", "Ada", "Frank", "Iris", "Hugo",
        "Clara", "Eddie", "Mia", "Oscar", "Ruby", "Victor", "Lena", "Walter", "Grace", "Felix", "Hazel", "Otto", "June",
        "Arthur", "Vera", "Billy", "Stella", "Nico", "Alma", "Jonah", "Ivy", "Milo", "Greta", "Rafael", "Dora", "Silas",
        "Maya", "Dexter", "Pearl", "Caleb", "Edith", "Jasper", "Lola", "Benny",
    ];

    /// <summary>For "Midnight in Kyoto": the place carries the genre.</summary>
    public static readonly IReadOnlyList<string> Times =
        ["midnight", "summer", "winter", "autumn", "spring", "night", "dawn", "christmas", "sunday", "twilight"];

    public static readonly IReadOnlyList<SeedGenre> All =
    [
        new()
        {
            Name = "crime", Adjective = "crime", Weight = 13, FirstYear = 1940, SeriesShare = 0.25,
            Companions = ["comedy", "horror", "war", "documentary"],
            Labels = ["crime thriller", "crime drama", "heist film", "noir"],
            Tones = ["gritty", "tense", "stylish", "hard-boiled", "slow-burning"],
            Adjectives = ["crooked", "dirty", "cold", "bloody", "stolen", "dead", "corrupt", "deadly", "forged", "ruthless",
                "violent", "guilty", "marked", "borrowed", "double", "cheap", "brass", "wanted", "rotten", "loaded"],
            Nouns = ["heist", "ledger", "syndicate", "alibi", "verdict", "vendetta", "getaway", "racket", "witness", "badge",
                "bullet", "confession", "ransom", "motive", "warrant", "cartel", "diamond", "safehouse", "payoff", "precinct",
                "bribe", "kingpin", "lineup", "snitch"],
            Places = ["Naples", "Chicago", "Marseille", "Palermo", "Brooklyn", "Miami", "Glasgow", "Hong Kong", "Las Vegas",
                "Detroit", "Belfast", "the Docks", "Little Italy", "Soho", "Havana", "Baltimore"],
            Characters = ["disgraced detective", "rookie cop", "getaway driver", "crime boss", "retired hitman", "corrupt judge",
                "safecracker", "undercover agent", "con artist", "mob accountant", "small-time hustler", "homicide inspector",
                "defense lawyer", "mob widow"],
            Verbs = ["uncovers", "steals", "hides", "tracks down", "covers up", "fences", "plans", "interrogates", "launders",
                "protects", "smuggles", "pins", "buries", "sells out"],
            Themes = ["greed", "loyalty", "betrayal", "revenge", "justice", "corruption", "guilt", "the underworld", "crime", "the law"],
        },
        new()
        {
            Name = "comedy", Adjective = "comedy", Weight = 13, FirstYear = 1950, SeriesShare = 0.3,
            Companions = ["romance", "crime", "animation", "sports", "cooking", "western"],
            Labels = ["comedy", "buddy comedy", "farce", "romp"],
            Tones = ["zany", "hilarious", "quirky", "madcap", "feel-good", "irreverent"],
            Adjectives = ["crazy", "awkward", "silly", "goofy", "accidental", "wacky", "lucky", "clumsy", "funny", "cheeky",
                "big", "loud", "bad", "rowdy", "nutty", "fake", "dumb", "lazy", "hapless", "ridiculous"],
            Nouns = ["prank", "neighbor", "roommate", "blunder", "reunion", "office", "party", "mishap", "vacation", "sidekick",
                "fiasco", "hangover", "talent show", "scheme", "jackpot", "caper", "gag", "sleepover", "makeover", "road trip",
                "bachelor party", "sitcom", "mixup", "dinner party"],
            Places = ["Suburbia", "New Jersey", "Springfield", "the Office Park", "Cleveland", "Boca Raton", "the Trailer Park",
                "Malibu", "Ibiza", "Cancun", "Tampa", "Scranton", "Pasadena", "Bakersfield", "Ohio", "Niagara Falls"],
            Characters = ["slacker roommate", "clumsy intern", "failing stand-up comic", "overbearing mother-in-law",
                "lazy brother", "nerdy accountant", "substitute teacher", "washed-up actor", "goofy best friend", "divorced dad",
                "party planner", "mall cop", "prankster", "wedding crasher"],
            Verbs = ["ruins", "crashes", "botches", "pranks", "organises", "bungles", "gambles on", "mocks", "throws", "ditches",
                "sabotages", "fumbles", "wrecks", "hijacks"],
            Themes = ["friendship", "family", "chaos", "embarrassment", "growing up", "misunderstandings", "luck", "fame",
                "adulthood", "mischief"],
        },
        new()
        {
            Name = "sci-fi", Adjective = "science-fiction", Weight = 11, FirstYear = 1960, SeriesShare = 0.25,
            Companions = ["horror", "war", "fantasy", "animation", "comedy"],
            Labels = ["science-fiction thriller", "space opera", "sci-fi adventure", "cyberpunk story"],
            Tones = ["cerebral", "epic", "dystopian", "haunting", "high-concept"],
            Adjectives = ["quantum", "orbital", "synthetic", "alien", "stellar", "cybernetic", "distant", "frozen", "neon",
                "artificial", "atomic", "galactic", "chrome", "infinite", "electric", "binary", "solar", "robotic", "interstellar",
                "virtual"],
            Nouns = ["signal", "colony", "android", "starship", "wormhole", "reactor", "singularity", "protocol", "clone",
                "outpost", "horizon", "nebula", "drone", "mainframe", "transmission", "satellite", "probe", "vector", "orbit",
                "algorithm", "cyborg", "beacon", "eclipse", "exoplanet"],
            Places = ["Europa", "Mars", "Titan", "Kepler Station", "the Outer Rim", "Neo-Tokyo", "Proxima", "Andromeda",
                "Moon Base Alpha", "Ceres", "the Orion Belt", "Sector Nine", "New Shanghai", "the Void", "Arcadia Prime",
                "Helios Station"],
            Characters = ["rogue android", "starship captain", "exobiologist", "cyborg mercenary", "stranded astronaut",
                "AI researcher", "colony engineer", "time traveller", "clone soldier", "hacker", "alien diplomat", "space pilot",
                "quantum physicist", "navigator"],
            Verbs = ["decodes", "intercepts", "reprograms", "colonises", "hacks", "pilots", "launches", "activates", "transmits",
                "builds", "escapes", "rewires", "scans", "terraforms"],
            Themes = ["humanity", "identity", "survival", "memory", "first contact", "evolution", "consciousness", "isolation",
                "progress", "time"],
        },
        new()
        {
            Name = "romance", Adjective = "romantic", Weight = 10, FirstYear = 1950, SeriesShare = 0.2,
            Companions = ["comedy", "war", "fantasy", "sports", "cooking"],
            Labels = ["romance", "love story", "romantic drama", "romantic comedy"],
            Tones = ["tender", "bittersweet", "charming", "heartfelt", "sweeping"],
            Adjectives = ["secret", "tender", "forbidden", "gentle", "first", "blue", "rosy", "moonlit", "starry", "sentimental",
                "faithful", "velvet", "lovesick", "sweetest", "true", "beloved", "sweet", "unspoken", "passionate", "dearest"],
            Nouns = ["kiss", "wedding", "heart", "promise", "letter", "affair", "engagement", "bouquet", "serenade", "honeymoon",
                "valentine", "sweetheart", "romance", "proposal", "rendezvous", "embrace", "vow", "dance", "crush", "locket",
                "anniversary", "flame", "bride", "darling"],
            Places = ["Paris", "Venice", "Tuscany", "Provence", "Santorini", "Lisbon", "Vienna", "Capri", "Notting Hill",
                "the Riviera", "Kyoto", "Amalfi", "Prague", "Seville", "Bruges", "Savannah"],
            Characters = ["young florist", "widowed baker", "lonely violinist", "wedding planner", "runaway bride",
                "travelling poet", "bookshop owner", "shy architect", "small-town teacher", "ballet dancer", "heartbroken painter",
                "lovesick sailor", "hopeful matchmaker", "single father"],
            Verbs = ["falls for", "writes", "cherishes", "rekindles", "finds", "keeps", "returns", "treasures", "remembers",
                "dreams of", "waits for", "courts", "longs for", "confesses"],
            Themes = ["love", "longing", "heartbreak", "second chances", "devotion", "desire", "fate", "trust", "romance", "marriage"],
        },
        new()
        {
            Name = "horror", Adjective = "horror", Weight = 9, FirstYear = 1960, SeriesShare = 0.15,
            Companions = ["comedy", "sci-fi", "fantasy", "crime"],
            Labels = ["horror film", "ghost story", "slasher", "supernatural thriller"],
            Tones = ["chilling", "terrifying", "eerie", "gruesome", "unsettling"],
            Adjectives = ["haunted", "cursed", "wicked", "possessed", "rotting", "hollow", "creeping", "unholy", "sinister", "pale",
                "grim", "feral", "twisted", "ghastly", "crimson", "screaming", "demonic", "evil", "undead", "bloodstained"],
            Nouns = ["ghost", "curse", "demon", "coffin", "ritual", "seance", "crypt", "scream", "nightmare", "poltergeist",
                "vampire", "werewolf", "exorcism", "mask", "asylum", "skull", "corpse", "specter", "cellar", "doll", "grave",
                "hex", "shadow", "witch"],
            Places = ["Salem", "Transylvania", "Blackwood Manor", "Ravenhollow", "the Bayou", "Innsmouth", "Hollow Creek",
                "the Old Asylum", "Dunwich", "Amityville", "Grimsby Hall", "the Catacombs", "Silent Lake", "Crow's Hill",
                "the Moors", "Ravensmoor"],
            Characters = ["grieving widow", "paranormal investigator", "babysitter", "exorcist", "night nurse", "young priest",
                "gravedigger", "medium", "lost hiker", "cursed child", "occult scholar", "sleepwalker", "lighthouse keeper",
                "ghost hunter"],
            Verbs = ["awakens", "summons", "unearths", "banishes", "haunts", "hunts", "exorcises", "curses", "possesses", "fears",
                "feeds", "resurrects", "invokes", "survives"],
            Themes = ["fear", "death", "madness", "grief", "evil", "possession", "sin", "dread", "the unknown", "darkness"],
        },
        new()
        {
            Name = "animation", Adjective = "animated", Weight = 9, FirstYear = 1985, SeriesShare = 0.35,
            Companions = ["fantasy", "comedy", "sci-fi"],
            Labels = ["animated adventure", "cartoon", "family film", "animated comedy"],
            Tones = ["whimsical", "colourful", "heartwarming", "playful", "delightful"],
            Adjectives = ["little", "tiny", "brave", "curious", "fluffy", "jolly", "bouncy", "sparkly", "friendly", "cuddly",
                "rainbow", "sleepy", "mighty", "giggly", "cartoon", "toy", "bubbly", "sunny", "wobbly", "fuzzy"],
            Nouns = ["bunny", "toy", "penguin", "puppy", "kitten", "treehouse", "balloon", "teddy", "panda", "owl", "adventure",
                "friend", "fox", "snail", "cupcake", "bear", "dinosaur", "mouse", "lamb", "rocket", "bubble", "squirrel",
                "hedgehog", "piglet"],
            Places = ["Toyland", "Bubbleton", "the Candy Forest", "Rainbow Valley", "Pawsville", "Puddle Lane", "the Sunny Meadow",
                "Marshmallow Island", "Giggle Town", "the Toy Box", "Acorn Hollow", "Cloud City", "Bunnyburg",
                "the Lollipop Hills", "Teddy Town", "Button Bay"],
            Characters = ["curious kitten", "brave little penguin", "shy robot toy", "clumsy panda cub", "talking teddy bear",
                "young fox", "mischievous squirrel", "lost puppy", "wise old owl", "tiny snail", "cheerful hedgehog",
                "baby dinosaur", "friendly bear", "daydreaming mouse"],
            Verbs = ["befriends", "saves", "discovers", "comforts", "paints", "shares", "sings to", "hugs", "helps", "fixes",
                "tickles", "visits", "plays with", "learns from"],
            Themes = ["friendship", "kindness", "courage", "sharing", "imagination", "teamwork", "curiosity", "family", "honesty", "play"],
        },
        new()
        {
            Name = "fantasy", Adjective = "fantasy", Weight = 9, FirstYear = 1970, SeriesShare = 0.3,
            Companions = ["animation", "romance", "horror", "sci-fi"],
            Labels = ["fantasy epic", "sword-and-sorcery tale", "fairy tale", "quest saga"],
            Tones = ["epic", "enchanting", "mythic", "sweeping", "spellbinding"],
            Adjectives = ["enchanted", "elven", "mystic", "dark", "magic", "shadowed", "forgotten", "golden", "crystal",
                "wandering", "immortal", "sacred", "winged", "arcane", "royal", "fabled", "eternal", "cursed", "ancient", "silver"],
            Nouns = ["dragon", "sword", "crown", "kingdom", "wizard", "prophecy", "throne", "spell", "quest", "realm", "amulet",
                "sorcerer", "unicorn", "griffin", "scroll", "citadel", "oracle", "relic", "knight", "enchantress", "rune",
                "chalice", "elf", "phoenix"],
            Places = ["Eldoria", "Avalon", "Camelot", "the Misty Isles", "Ravenspire", "the Elven Woods", "Dragonmoor",
                "Stormhold", "Highcastle", "the Shattered Realm", "Northmere", "Glimmerdeep", "the Crystal Mountains",
                "Thornwood", "Everfell", "Valdoria"],
            Characters = ["young squire", "exiled princess", "aging wizard", "orphan thief", "dragon rider", "elven archer",
                "fallen knight", "hedge witch", "dwarf blacksmith", "reluctant king", "wandering bard", "shape-shifter",
                "sorceress", "chosen farm boy"],
            Verbs = ["seeks", "forges", "enchants", "guards", "conjures", "slays", "wields", "shatters", "reclaims", "crowns",
                "deciphers", "bargains for", "restores", "quests for"],
            Themes = ["destiny", "magic", "power", "prophecy", "courage", "sacrifice", "good and evil", "legacy", "kingship", "wonder"],
        },
        new()
        {
            Name = "documentary", Adjective = "documentary", Weight = 8, FirstYear = 1980, SeriesShare = 0.45,
            Companions = ["war", "sports", "cooking", "crime"],
            Labels = ["documentary", "docuseries", "nature film", "investigative film"],
            Tones = ["revealing", "intimate", "award-winning", "eye-opening", "investigative"],
            Adjectives = ["untold", "true", "real", "wild", "inside", "natural", "vanishing", "global", "rare", "endangered",
                "forgotten", "industrial", "remote", "inconvenient", "living", "deep", "human", "frozen", "hidden", "modern"],
            Nouns = ["story", "discovery", "volcano", "planet", "ocean", "expedition", "archive", "species", "investigation",
                "interview", "mission", "ecosystem", "revolution", "economy", "migration", "rainforest", "glacier", "epidemic",
                "pioneer", "legacy", "journey", "scandal", "experiment", "civilisation"],
            Places = ["the Amazon", "Antarctica", "the Sahara", "the Arctic", "Borneo", "the Himalayas", "Chernobyl",
                "Silicon Valley", "the Galapagos", "the Congo", "Mongolia", "the Great Barrier Reef", "Patagonia", "Siberia",
                "the Serengeti", "Greenland"],
            Characters = ["filmmaker", "marine biologist", "investigative journalist", "whistleblower", "archaeologist",
                "climate scientist", "photographer", "historian", "wildlife ranger", "economist", "survivor", "activist",
                "anthropologist", "explorer"],
            Verbs = ["documents", "investigates", "explores", "records", "examines", "reveals", "follows", "interviews",
                "measures", "films", "exposes", "traces", "charts", "studies"],
            Themes = ["nature", "history", "science", "climate change", "inequality", "technology", "conservation", "culture",
                "society", "truth"],
        },
        new()
        {
            Name = "war", Adjective = "war", Weight = 5, FirstYear = 1945, SeriesShare = 0.15,
            Companions = ["romance", "documentary", "western", "crime"],
            Labels = ["war film", "war drama", "combat thriller", "war epic"],
            Tones = ["harrowing", "gripping", "powerful", "brutal", "unflinching"],
            Adjectives = ["fallen", "burning", "wounded", "steel", "scorched", "heroic", "armoured", "unknown", "grey",
                "thundering", "valiant", "defiant", "desperate", "shattered", "victorious", "besieged", "iron", "bitter",
                "occupied", "embattled"],
            Nouns = ["battalion", "trench", "bunker", "squadron", "convoy", "regiment", "siege", "front", "offensive",
                "armistice", "battle", "platoon", "sniper", "insignia", "submarine", "tank", "bomber", "garrison", "retreat",
                "surrender", "resistance", "invasion", "dispatch", "airstrike"],
            Places = ["Normandy", "Stalingrad", "Verdun", "the Somme", "Iwo Jima", "Dunkirk", "Gallipoli", "Okinawa",
                "the Ardennes", "Arnhem", "Tobruk", "Monte Cassino", "Khe Sanh", "Berlin", "the Pacific", "El Alamein"],
            Characters = ["young private", "battle-scarred sergeant", "army nurse", "fighter pilot", "resistance fighter",
                "field medic", "tank commander", "war correspondent", "code breaker", "captured airman", "infantry captain",
                "submarine officer", "army chaplain", "deserter"],
            Verbs = ["holds", "storms", "liberates", "evacuates", "commands", "bombs", "infiltrates", "endures", "captures",
                "outflanks", "reinforces", "mines", "leads", "rescues"],
            Themes = ["sacrifice", "brotherhood", "duty", "patriotism", "survival", "loss", "heroism", "trauma", "peace", "comradeship"],
        },
        new()
        {
            Name = "sports", Adjective = "sports", Weight = 5, FirstYear = 1975, SeriesShare = 0.25,
            Companions = ["comedy", "documentary", "romance"],
            Labels = ["sports drama", "underdog story", "sports film", "comeback story"],
            Tones = ["inspiring", "rousing", "uplifting", "hard-hitting", "triumphant"],
            Adjectives = ["undefeated", "champion", "fast", "unbeatable", "home", "hungry", "sudden", "winning", "running",
                "clutch", "record", "varsity", "pro", "olympic", "fourth-quarter", "knockout", "all-star", "major-league",
                "rookie", "final-round"],
            Nouns = ["championship", "coach", "season", "match", "trophy", "playoff", "league", "comeback", "draft",
                "tournament", "touchdown", "marathon", "knockout", "stadium", "rival", "medal", "goal", "pitch", "rebound",
                "racetrack", "sprint", "quarterback", "underdog", "title fight"],
            Places = ["Madison Square Garden", "Wimbledon", "Fenway", "Daytona", "the Olympics", "Anfield", "Boston",
                "Green Bay", "Le Mans", "Augusta", "the Bronx", "Flushing Meadows", "Texas", "Indiana", "Rio", "Yankee Stadium"],
            Characters = ["washed-up boxer", "rookie quarterback", "high-school coach", "injured sprinter", "tennis prodigy",
                "minor-league pitcher", "hockey goalie", "marathon runner", "race car driver", "small-town wrestler",
                "team owner", "point guard", "golf caddie", "figure skater"],
            Verbs = ["coaches", "trains for", "qualifies for", "drafts", "scores", "races", "recruits", "rebuilds", "captains",
                "dominates", "forfeits", "clinches", "fights for", "wins"],
            Themes = ["ambition", "perseverance", "rivalry", "glory", "competition", "discipline", "victory", "determination",
                "sportsmanship", "the will to win"],
        },
        new()
        {
            Name = "western", Adjective = "western", Weight = 4, FirstYear = 1940, SeriesShare = 0.2,
            Companions = ["crime", "comedy", "war"],
            Labels = ["western", "frontier drama", "revisionist western", "outlaw tale"],
            Tones = ["rugged", "dusty", "sun-baked", "hard-riding", "lawless"],
            Adjectives = ["lonesome", "dusty", "outlaw", "rusty", "hard", "dry", "copper", "high", "bitter", "ragged", "burnt",
                "renegade", "stony", "red", "lawless", "wild", "rawhide", "sundown", "golden", "iron"],
            Nouns = ["sheriff", "outlaw", "saloon", "stagecoach", "frontier", "ranch", "posse", "gunslinger", "bounty",
                "canyon", "mustang", "railroad", "revolver", "showdown", "trail", "desperado", "homestead", "bandit", "wagon",
                "marshal", "noose", "spur", "prairie", "rustler"],
            Places = ["Tombstone", "Dodge City", "Abilene", "Deadwood", "El Paso", "the Rio Grande", "Laramie", "Cheyenne",
                "Santa Fe", "Monument Valley", "Yuma", "the Badlands", "Red Rock", "Silver Creek", "Dry Gulch", "Wichita"],
            Characters = ["aging gunslinger", "frontier sheriff", "bounty hunter", "young rancher", "outlaw's widow",
                "railroad man", "horse thief", "saloon keeper", "drifter", "cavalry scout", "cattle baron", "gold prospector",
                "deputy marshal", "homesteader"],
            Verbs = ["rides", "defends", "wrangles", "robs", "claims", "patrols", "tames", "drives", "ambushes", "avenges",
                "settles", "crosses", "herds", "stakes"],
            Themes = ["honor", "freedom", "the frontier", "law and order", "land", "vengeance", "the open range", "grit",
                "manifest destiny", "the West"],
        },
        new()
        {
            Name = "cooking", Adjective = "cooking", Weight = 4, FirstYear = 1995, SeriesShare = 0.7,
            Companions = ["documentary", "comedy", "romance"],
            Labels = ["cooking show", "food documentary", "culinary journey", "baking competition"],
            Tones = ["mouth-watering", "cosy", "delicious", "warm", "flavourful"],
            Adjectives = ["spicy", "savory", "crispy", "homemade", "rustic", "smoky", "golden", "fresh", "hearty", "sizzling",
                "zesty", "tangy", "buttery", "roasted", "seasonal", "salted", "simmering", "street", "sugared", "tasty"],
            Nouns = ["kitchen", "recipe", "bistro", "feast", "souffle", "menu", "chef", "bakery", "pastry", "dumpling",
                "barbecue", "noodle", "truffle", "brunch", "tasting", "spice", "broth", "oven", "cookbook", "supper", "pie",
                "dessert", "ramen", "grill"],
            Places = ["Lyon", "Bangkok", "Oaxaca", "Osaka", "Marrakech", "New Orleans", "Bologna", "Sichuan", "Istanbul", "Lima",
                "Mumbai", "San Sebastian", "Hanoi", "Copenhagen", "Sicily", "Penang"],
            Characters = ["home cook", "pastry chef", "street-food vendor", "grumpy restaurant critic", "farm-to-table chef",
                "baker", "sushi master", "food writer", "line cook", "culinary student", "barbecue pitmaster", "grandmother",
                "sommelier", "restaurateur"],
            Verbs = ["cooks", "bakes", "tastes", "seasons", "grills", "perfects", "plates", "ferments", "roasts", "serves",
                "braises", "simmers", "forages for", "recreates"],
            Themes = ["flavour", "tradition", "family recipes", "comfort food", "craft", "hospitality", "seasonality", "heritage",
                "street food", "home cooking"],
        },
    ];

    public static readonly IReadOnlyList<string> Names = [.. All.Select(genre => genre.Name)];

    private static readonly Dictionary<string, int> IndexByName =
        All.Select((genre, index) => (genre.Name, index)).ToDictionary(pair => pair.Name, pair => pair.index, StringComparer.Ordinal);

    /// <summary>The index of <paramref name="name"/> in <see cref="All"/>, or -1.</summary>
    public static int IndexOf(string name) => IndexByName.GetValueOrDefault(name, -1);
}
