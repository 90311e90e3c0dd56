using System.ComponentModel.DataAnnotations;

namespace FamilyMutualAid.Web.Infrastructure;

/// <summary>Where the site keeps its database and finds its seed and content files.</summary>
public sealed class FamilyMutualAidOptions
{
    public const string SectionName = "FamilyMutualAid";

    /// <summary>Folder for the SQLite database, relative to the content root unless absolute.</summary>
    [Required]
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>SQLite file name inside <see cref="DataDirectory"/>.</summary>
    [Required]
    public string DatabaseFile { get; set; } = "familymutualaid.db";

    [Required]
    public string SeedsDirectory { get; set; } = "../../seeds";

    [Required]
    public string ContentDirectory { get; set; } = "../../content";

    /// <summary>Import seeds and content when the site starts (idempotent; a failing import changes nothing).</summary>
    public bool ImportOnStartup { get; set; } = true;

    public string Resolve(string contentRoot, string path) => Path.GetFullPath(Path.Combine(contentRoot, path));

    public string ConnectionString(string contentRoot) =>
        $"Data Source={Path.Combine(Resolve(contentRoot, DataDirectory), DatabaseFile)}";
}
