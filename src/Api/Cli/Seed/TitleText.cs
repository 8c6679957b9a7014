using System.Text;

namespace MediaGateway.Api.Cli.Seed;

/// <summary>
/// Titles and descriptions from a genre's words in shared sentence frames. Where a frame names a place of the
/// primary genre, it is the title's motif: every description names it, and nearly half the titles do. The
/// motif's theme always leads the tone sentence, and its character leads every story sentence but the series' ensemble one.
/// </summary>
internal static class TitleText
{
    /// <summary>
    /// Weights of the templates in <see cref="Name"/>, in order. The three-word ones keep 100,000 titles mostly
    /// distinct; the ones naming the motif (3, 4, 5, 6, 8, 10, 11, 16) weigh 23 of 50.
    /// </summary>
    private static readonly int[] NameTemplateWeights = [6, 3, 4, 4, 4, 1, 3, 2, 3, 1, 1, 4, 3, 2, 2, 2, 3, 2];

    private static readonly HashSet<string> SmallWords = new(["a", "an", "and", "the", "of", "in", "for", "to"], StringComparer.Ordinal);

    public static string Name(Random random, SeedGenre genre, TitleMotif motif)
    {
        var name = random.PickWeighted(NameTemplateWeights) switch
        {
            0 => $"the {random.Pick(genre.Adjectives)} {random.Pick(genre.Nouns)}",
            1 => $"the {random.Pick(SeedGenres.CommonAdjectives)} {random.Pick(genre.Nouns)}",
            2 => $"{random.Pick(genre.Adjectives)} {random.Pick(genre.Nouns)}",
            3 => $"{random.Pick(genre.Nouns)} of {motif.Place}",
            4 => $"the {random.Pick(genre.Nouns)} of {motif.Place}",
            5 => $"{random.Pick(SeedGenres.Times)} in {motif.Place}",
            6 => $"{Bare(motif.Place)} {random.Pick(genre.Nouns)}",
            7 => $"the {Two(random, genre.Nouns, " and the ")}",
            8 => $"{WithArticle(random.Pick(genre.Nouns))} in {motif.Place}",
            9 => $"the {random.Pick(genre.Characters)}",
            10 => $"{Bare(motif.Place)} {random.Pick(SeedGenres.Times)}",
            11 => $"the {random.Pick(genre.Adjectives)} {random.Pick(genre.Nouns)} of {motif.Place}",
            12 => $"{random.Pick(genre.Nouns)} of the {random.Pick(genre.Adjectives)} {random.Pick(genre.Nouns)}",
            13 => $"{random.Pick(SeedGenres.FirstNames)}'s {random.Pick(genre.Nouns)}",
            14 => $"{random.Pick(SeedGenres.FirstNames)}'s {random.Pick(genre.Adjectives)} {random.Pick(genre.Nouns)}",
            15 => $"{random.Pick(SeedGenres.FirstNames)} and the {random.Pick(genre.Nouns)}",
            16 => $"the {Role(random, genre)} of {motif.Place}",
            _ => $"the {Role(random, genre)}'s {random.Pick(genre.Nouns)}",
        };
        return TitleCase(name);
    }

    /// <summary>An episode's own name, shown after its series' name.</summary>
    public static string EpisodeName(Random random, SeedGenre genre, TitleMotif motif) => TitleCase(random.Next(3) switch
    {
        0 => $"the {random.Pick(genre.Adjectives)} {random.Pick(genre.Nouns)}",
        1 => $"{random.Pick(genre.Nouns)} of {motif.Place}",
        _ => $"the {random.Pick(genre.Nouns)}",
    });

    public static string SequelSuffix(Random random, int number) => random.Next(3) switch
    {
        0 => $" {number}",
        1 => $": Part {Roman(number)}",
        _ => $" {Roman(number)}",
    };

    /// <summary>A story sentence set in the motif and a tone sentence of the primary genre, plus one of the secondary genre if any.</summary>
    public static string Description(Random random, SeedGenre primary, TitleMotif motif, SeedGenre? secondary, bool series)
    {
        var text = new StringBuilder(240);
        text.Append(series ? SeriesStory(random, primary, motif) : Story(random, primary, motif));
        if (secondary is not null)
        {
            text.Append(' ').Append(Sentence(
                $"along the way, {Someone(random, secondary)} {random.Pick(secondary.Verbs)} {Something(random, secondary)} in {random.Pick(secondary.Places)}."));
        }

        text.Append(' ').Append(Tone(random, primary, motif, secondary, series));
        return text.ToString();
    }

    private static string Story(Random random, SeedGenre genre, TitleMotif motif) => Sentence(random.Next(5) switch
    {
        0 => $"{Protagonist(motif)} {random.Pick(genre.Verbs)} {Something(random, genre)} in {motif.Place}.",
        1 => $"in {motif.Place}, {Protagonist(motif)} {random.Pick(genre.Verbs)} {WithArticle(random.Pick(genre.Nouns))} " +
            $"and {random.Pick(genre.Verbs)} {Something(random, genre)}.",
        2 => $"set in {motif.Place}, the story follows {Protagonist(motif)} who {random.Pick(genre.Verbs)} {Something(random, genre)}.",
        3 => When(random, genre, motif),
        _ => Helped(random, genre, motif),
    });

    private static string SeriesStory(Random random, SeedGenre genre, TitleMotif motif) => Sentence(random.Next(2) switch
    {
        0 => $"each episode, {Protagonist(motif)} {random.Pick(genre.Verbs)} {Something(random, genre)} in {motif.Place}.",
        _ => $"across {motif.Place}, {TwoPeople(random, genre, " and ")} face {Two(random, genre.Nouns, " and ", article: true)}.",
    });

    private static string Tone(Random random, SeedGenre genre, TitleMotif motif, SeedGenre? secondary, bool series)
    {
        var tone = random.Pick(genre.Tones);
        var kind = series ? $"{genre.Adjective} series" : random.Pick(genre.Labels);
        var twist = secondary is null ? "" : $" with {WithArticle(secondary.Adjective)} twist,";
        var first = motif.Theme;
        var second = random.Pick(genre.Themes);
        return Sentence(first == second
            ? $"{WithArticle(tone)} {kind}{twist} about {first}."
            : $"{WithArticle(tone)} {kind}{twist} about {first} and {second}.");
    }

    private static string Protagonist(TitleMotif motif) => WithArticle(motif.Character);

    private static string Someone(Random random, SeedGenre genre) => WithArticle(random.Pick(genre.Characters));

    private static string Something(Random random, SeedGenre genre) => random.Next(2) == 0
        ? WithArticle($"{random.Pick(genre.Adjectives)} {random.Pick(genre.Nouns)}")
        : $"the {random.Pick(genre.Nouns)}";

    private static string When(Random random, SeedGenre genre, TitleMotif motif)
    {
        var (first, second) = (motif.Character, Other(random, genre.Characters, motif.Character));
        return $"when {WithArticle(first)} {random.Pick(genre.Verbs)} {Something(random, genre)}, {WithArticle(second)} " +
            $"{random.Pick(genre.Verbs)} {WithArticle(random.Pick(genre.Nouns))} in {motif.Place}.";
    }

    private static string Helped(Random random, SeedGenre genre, TitleMotif motif)
    {
        var (first, second) = (motif.Character, Other(random, genre.Characters, motif.Character));
        return $"{WithArticle(first)} from {motif.Place} {random.Pick(genre.Verbs)} {Something(random, genre)} " +
            $"with the help of {WithArticle(second)}.";
    }

    private static string TwoPeople(Random random, SeedGenre genre, string separator)
    {
        var (first, second) = TwoDistinct(random, genre.Characters);
        return WithArticle(first) + separator + WithArticle(second);
    }

    private static string Two(Random random, IReadOnlyList<string> words, string separator, bool article = false)
    {
        var (first, second) = TwoDistinct(random, words);
        return article ? WithArticle(first) + separator + WithArticle(second) : first + separator + second;
    }

    /// <summary>A word of the list other than <paramref name="word"/> (the list has at least two).</summary>
    private static string Other(Random random, IReadOnlyList<string> words, string word)
    {
        var pick = random.Pick(words);
        return pick == word ? words[(IndexOf(words, word) + 1) % words.Count] : pick;
    }

    private static int IndexOf(IReadOnlyList<string> words, string word)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] == word)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Two different words of the list (it has at least two).</summary>
    private static (string First, string Second) TwoDistinct(Random random, IReadOnlyList<string> words)
    {
        var first = random.Next(words.Count);
        var second = (first + 1 + random.Next(words.Count - 1)) % words.Count;
        return (words[first], words[second]);
    }

    /// <summary>A character's last word, for "The Hitman's Ledger" and "The Exorcist of Salem".</summary>
    private static string Role(Random random, SeedGenre genre)
    {
        var character = random.Pick(genre.Characters);
        return character[(character.LastIndexOf(' ') + 1)..];
    }

    private static string Bare(string place) => place.StartsWith("the ", StringComparison.Ordinal) ? place[4..] : place;

    /// <summary>"a" or "an" by the first letter; the vocabulary avoids the exceptions (an hour, a unicorn's "yoo").</summary>
    internal static string WithArticle(string phrase)
    {
        var vowel = phrase.Length > 0 && "aeiouAEIOU".Contains(phrase[0], StringComparison.Ordinal)
            && !phrase.StartsWith("uni", StringComparison.OrdinalIgnoreCase);
        return (vowel ? "an " : "a ") + phrase;
    }

    private static string Sentence(string text) => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));

    private static string TitleCase(string text)
    {
        var words = text.Split(' ');
        for (var i = 0; i < words.Length; i++)
        {
            if (i == 0 || !SmallWords.Contains(words[i]))
            {
                words[i] = CapitalizeParts(words[i]);
            }
        }

        return string.Join(' ', words);
    }

    /// <summary>"fourth-quarter" → "Fourth-Quarter"; "AI" and "Neo-Tokyo" stay as they are.</summary>
    private static string CapitalizeParts(string word)
    {
        var chars = word.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (i == 0 || chars[i - 1] == '-')
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return new string(chars);
    }

    private static string Roman(int number) => number switch
    {
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        _ => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// A title's motif within its primary genre: one of the genre's places, with a theme and a kind of protagonist
/// of its own (the m-th place takes theme m mod 10 and character m mod 14, so no two of a genre's 16 motifs share
/// both), as a sub-genre does: "loyalty among mob accountants in Naples".
/// </summary>
internal readonly record struct TitleMotif(string Place, string Theme, string Character)
{
    public static TitleMotif Of(SeedGenre genre, int index) =>
        new(genre.Places[index], genre.Themes[index % genre.Themes.Count], genre.Characters[index % genre.Characters.Count]);
}
