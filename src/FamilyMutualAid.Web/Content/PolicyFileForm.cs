using FamilyMutualAid.Rules;

namespace FamilyMutualAid.Web.Content;

/// <summary>
/// A snapshot as the seed and content files express it, i.e. as the importer would read the exported files back:
/// each kind's records as that kind writes them, every labelled vocabulary code in the order.
/// </summary>
public static class PolicyFileForm
{
    public static PolicySnapshot Of(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(
            snapshot.Regions.Select(RegionKind.AsWritten),
            snapshot.Sources.Select(SourceKind.AsWritten),
            snapshot.Definitions.Select(DefinitionKind.AsWritten),
            snapshot.Parameters.Select(ParameterKind.AsWritten),
            snapshot.Disagreements.Select(DisagreementKind.AsWritten),
            snapshot.Pages.Select(PageKind.AsWritten),
            VocabularyKind.AsWritten(snapshot.Vocabulary));
    }
}
