using System.Globalization;
using System.Text;

namespace MediaGateway.Domain.EntityResolution;

/// <summary>
/// Reduces a title to the form compared by fuzzy matching: lower case, no diacritics, punctuation as spaces,
/// "&amp;" as "and", no leading or library-style trailing article ("Shawshank Redemption, The"), no trailing year
/// in parentheses, single spaces. Two feeds' spellings of one title should normalise to the same string.
/// </summary>
public static class TitleNormalizer
{
    public const int MaxTitleLength = 500;

    private static readonly string[] Articles = ["the", "a", "an"];

    public static string Normalize(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var words = Words(StripTrailingYear(title.Trim()));
        if (words.Count > 2 && words[^2] == "," && Articles.Contains(words[^1]))
        {
            words.RemoveRange(words.Count - 2, 2);
        }

        words.RemoveAll(w => w == ",");
        if (words.Count > 1 && Articles.Contains(words[0]))
        {
            words.RemoveAt(0);
        }

        // Folding can lengthen a title ("ß" → "ss", "&" → "and"); the stored form keeps to the column's width.
        var normalized = string.Join(' ', words);
        return normalized.Length <= MaxTitleLength ? normalized : normalized[..MaxTitleLength].TrimEnd();
    }

    /// <summary>"Heat (1995)" → "Heat"; the year is matched as its own field.</summary>
    private static string StripTrailingYear(string title)
    {
        if (title.Length >= 7 && title[^1] == ')' && title[^6] == '(' && title.AsSpan(title.Length - 5, 4).ContainsAnyExceptInRange('0', '9') is false)
        {
            return title[..^6].TrimEnd();
        }

        return title;
    }

    /// <summary>Lower-case words without diacritics; commas kept as their own token so a trailing ", The" is recognised.</summary>
    private static List<string> Words(string title)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        // FormD splits accents off only where ICU is loaded; the service runs with invariant globalization, so
        // precomposed Latin letters are also folded by table.
        foreach (var raw in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = Fold(raw);
            if (folded.Length > 1)
            {
                word.Append(folded);
                continue;
            }

            var c = folded[0];

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            // Apostrophes join ("Schindler's" → "schindlers"); other punctuation separates words.
            if (c is '\'' or '’')
            {
                continue;
            }

            Flush(words, word);
            if (c == '&')
            {
                words.Add("and");
            }
            else if (c == ',')
            {
                words.Add(",");
            }
        }

        Flush(words, word);
        return words;
    }

    private const string Accented =
        "ÀÁÂÃÄÅàáâãäåĀāĂăĄąÇçĆćĈĉĊċČčĎďĐđÈÉÊËèéêëĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħÌÍÎÏìíîïĨĩĪīĬĭĮįİıĴĵĶķĹĺĻļĽľĿŀŁł" +
        "ÑñŃńŅņŇňÒÓÔÕÖØòóôõöøŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŧÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųŴŵÝýÿŶŷŸŹźŻżŽž";

    private const string Plain =
        "AAAAAAaaaaaaAaAaAaCcCcCcCcCcDdDdEEEEeeeeEeEeEeEeEeGgGgGgGgHhHhIIIIiiiiIiIiIiIiIiJjKkLlLlLlLlLl" +
        "NnNnNnNnOOOOOOooooooOoOoOoRrRrRrSsSsSsSsTtTtTtUUUUuuuuUuUuUuUuUuUuWwYyyYyYZzZzZz";

    private static string Fold(char c) => c switch
    {
        < '\u00C0' => c.ToString(),
        'ß' => "ss",
        'Æ' or 'æ' => "ae",
        'Œ' or 'œ' => "oe",
        'Þ' or 'þ' => "th",
        'Ð' or 'ð' => "d",
        _ => Accented.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? Plain[i].ToString() : c.ToString(),
    };

    private static void Flush(List<string> words, StringBuilder word)
    {
        if (word.Length > 0)
        {
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
