using System.Text.RegularExpressions;

namespace FamilyMutualAid.Browser.Tests;

/// <summary>Reads the page count of a PDF Chromium printed (its page objects are not compressed).</summary>
public static partial class Pdf
{
    public static int PageCount(byte[] pdf) => PageObject().Count(System.Text.Encoding.Latin1.GetString(pdf));

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PageObject();
}
