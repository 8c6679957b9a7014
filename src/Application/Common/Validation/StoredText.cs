using System.Text.Json;
using FluentValidation;

namespace MediaGateway.Application.Common.Validation;

/// <summary>
/// The one rule for every string the service stores or sends to Postgres as a parameter: no NUL character (text
/// and jsonb cannot hold it) and no unpaired UTF-16 surrogate (it has no UTF-8 form). Postgres refuses such text
/// with a data error; checking here turns that into a 400 naming the field, before anything is stored.
/// FluentValidation validators use <see cref="StorableText{T}"/>; the hand-written parsers of the batch endpoints
/// call <see cref="IsStorable(string?)"/> and <see cref="Problem"/>.
/// </summary>
public static class StoredText
{
    /// <summary>The failure message for <paramref name="field"/>, as clients name it.</summary>
    public static string Problem(string field) => $"'{field}' must not contain NUL characters or unpaired surrogates.";

    /// <summary>True for null and for text Postgres can store.</summary>
    public static bool IsStorable(string? value)
    {
        if (value is null)
        {
            return true;
        }

        var text = value.AsSpan();
        if (text.Contains('\0'))
        {
            return false;
        }

        // Fast path: most text has no surrogates at all.
        var index = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (index >= 0 && index < text.Length)
        {
            if (!char.IsHighSurrogate(text[index]) || index + 1 == text.Length || !char.IsLowSurrogate(text[index + 1]))
            {
                return false;
            }

            var next = text[(index + 2)..].IndexOfAnyInRange('\uD800', '\uDFFF');
            index = next < 0 ? -1 : index + 2 + next;
        }

        return true;
    }

    /// <summary>
    /// True when every property name and string value in <paramref name="json"/> is storable. Stored JSON is kept as
    /// sent (escapes included), and jsonb refuses <c>\u0000</c> and an unpaired <c>\ud800</c> as well.
    /// </summary>
    public static bool IsStorable(JsonElement json)
    {
        try
        {
            return json.ValueKind switch
            {
                JsonValueKind.String => IsStorable(json.GetString()),
                JsonValueKind.Array => json.EnumerateArray().All(IsStorable),
                JsonValueKind.Object => json.EnumerateObject().All(p => IsStorable(p.Name) && IsStorable(p.Value)),
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;   // System.Text.Json will not unescape an unpaired surrogate to a string
        }
    }

    /// <summary>The field must be storable text (null passes: whether it is required is another rule).</summary>
    public static IRuleBuilderOptions<T, string?> StorableText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsStorable).WithMessage("'{PropertyName}' must not contain NUL characters or unpaired surrogates.");

    /// <summary>The JSON's names and string values must be storable.</summary>
    public static IRuleBuilderOptions<T, JsonElement?> StorableJson<T>(this IRuleBuilder<T, JsonElement?> rule) =>
        rule.Must(json => json is null || IsStorable(json.Value))
            .WithMessage("'{PropertyName}' must not contain NUL characters or unpaired surrogates.");
}
