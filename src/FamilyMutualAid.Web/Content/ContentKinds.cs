using System.Text.RegularExpressions;

namespace FamilyMutualAid.Web.Content;

/// <summary>The kinds of content page a region may have; each is served at /regions/{slug}/{kind}.</summary>
public static partial class ContentKinds
{
    public const string Overview = "overview";
    public const string Binding = "binding";

    public static IReadOnlyList<string> All { get; } = [Overview, Binding, "fund-usage", "cross-region", "faq", "family-account"];

    /// <summary>Whether a binding channel id is valid: lower-case letters, digits and '-', at most 40 characters.</summary>
    public static bool IsChannelId(string? id) => id is not null && ChannelIdPattern().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ChannelIdPattern();

    // Binding channels live in content/<region>/channels/<id>.md with kind "channel"; see ChannelSections.
}
