using System.Text;

namespace FamilyMutualAid.Web.Content;

/// <summary>A section of a binding channel page, by its fixed heading.</summary>
public sealed record ChannelSection(string Heading, string Markdown);

/// <summary>The fixed second-level headings of a binding channel page, and splitting a page into them.</summary>
public static class ChannelSections
{
    public const string Steps = "步骤";
    // Was "需要谁到场或确认": 到场 does not fit an app, where the point is who logs in, scans a face or signs.
    public const string WhoMustBePresent = "谁要亲自办理或确认";
    public const string Documents = "带齐这些材料";
    public const string TakesEffect = "多久生效";
    public const string HowToCheck = "怎样确认办好了";
    public const string Unbind = "怎样解除";
    public const string OnFailure = "遇到问题怎么办";

    public static IReadOnlyList<string> InOrder { get; } = [Steps, WhoMustBePresent, Documents, TakesEffect, HowToCheck, Unbind, OnFailure];

    public static IReadOnlyList<string> Required { get; } = [Steps, Documents];

    /// <summary>Former headings and what they are called now, so an old file or draft gets a message that says what to write.</summary>
    public static IReadOnlyDictionary<string, string> Renamed { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["需要谁到场或确认"] = WhoMustBePresent,
    };

    /// <summary>Splits the body at "## " headings: the intro before the first, then each section (a former heading under its current name, so a page stored before a rename still shows it).</summary>
    public static (string Intro, IReadOnlyList<ChannelSection> Sections) Split(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var intro = new StringBuilder();
        var sections = new List<ChannelSection>();
        string? heading = null;
        var current = new StringBuilder();
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (heading is not null)
                {
                    sections.Add(new(heading, current.ToString()));
                }
                var name = line[3..].Trim();
                heading = Renamed.GetValueOrDefault(name, name);
                current.Clear();
            }
            else
            {
                (heading is null ? intro : current).Append(line).Append('\n');
            }
        }
        if (heading is not null)
        {
            sections.Add(new(heading, current.ToString()));
        }
        return (intro.ToString(), sections);
    }

    /// <summary>Problems with the headings, each with its 0-based line in the body.</summary>
    public static IEnumerable<(int Line, string Message)> Problems(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Split('\n');
        var seen = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                continue;
            }
            var heading = lines[i][3..].Trim();
            var index = InOrder.ToList().IndexOf(heading);
            if (index < 0 && Renamed.TryGetValue(heading, out var now))
            {
                yield return (i, $"section '{heading}' is now called '{now}': rename the heading");
            }
            else if (index < 0)
            {
                yield return (i, $"unknown section '{heading}': expected one of {string.Join("、", InOrder)}");
            }
            else if (seen.Contains(heading))
            {
                yield return (i, $"section '{heading}' appears twice");
            }
            else if (seen.Count > 0 && InOrder.ToList().IndexOf(seen[^1]) > index)
            {
                yield return (i, $"section '{heading}' is out of order: the order is {string.Join("、", InOrder)}");
            }
            seen.Add(heading);
        }
        foreach (var required in Required.Where(r => !seen.Contains(r)))
        {
            yield return (0, $"the required section '## {required}' is missing");
        }
    }
}
