namespace FamilyMutualAid.Web.Pages.Staff;

/// <summary>
/// A list of sources to tick by title, posted as <see cref="Name"/> with the chosen ids, for the _SourcePicker partial;
/// with <see cref="NewSourceAction"/>, a 新增来源 button posting the whole form there (saved first, so nothing typed is lost).
/// </summary>
public sealed record SourcePicker(string Name, string Id, string Legend, IReadOnlyList<string> Selected, IReadOnlyList<SourceChoice> Choices, string? Problem, string? NewSourceAction = null);
