using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>Addresses one content record from staff URLs: /staff/content/{slug}/{kind}/{channel?}.</summary>
public sealed record ContentKey(string Region, string Kind, string? Channel)
{
    public string PageKey => Channel is null ? Kind : $"{Kind}/{Channel}";

    public string RecordKey => $"{Region}/{PageKey}";

    public string Url => $"/staff/content/{Region}/{PageKey}";

    public string HistoryUrl => $"/staff/history/{Region}/{PageKey}";

    public string PublicUrl => Kind == ContentPage.ChannelKind
        ? $"/regions/{Region}/binding#channel-{Channel}"
        : Kind == "overview" ? $"/regions/{Region}" : $"/regions/{Region}/{Kind}";
}
