namespace FamilyMutualAid.Web.Import;

/// <summary>The kinds of content page a region may have; each is served at /regions/{slug}/{kind}.</summary>
public static class ContentKinds
{
    public const string Overview = "overview";
    public const string Binding = "binding";

    public static IReadOnlyList<string> All { get; } = [Overview, Binding, "fund-usage", "cross-region", "faq", "family-account"];

    // Binding channels live in content/<region>/channels/<id>.md with kind "channel"; see ChannelSections.
}
