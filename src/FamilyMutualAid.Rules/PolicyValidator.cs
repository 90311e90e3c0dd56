namespace FamilyMutualAid.Rules;

/// <summary>A problem with one field of one record, e.g. subject "region:fuzhou", field "parent".</summary>
public sealed record PolicyIssue(string Subject, string Field, string Message);

/// <summary>Checks that a whole set of policy data hangs together before it is published.</summary>
public static class PolicyValidator
{
    public static IReadOnlyList<PolicyIssue> Validate(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var issues = new List<PolicyIssue>();
        CheckRegions(snapshot, issues);
        CheckParameters(snapshot, issues);
        CheckDisagreements(snapshot, issues);
        CheckPages(snapshot, issues);
        CheckSourcesUsed(snapshot, issues);
        return issues;
    }

    public static string RegionSubject(string slug) => $"region:{slug}";

    public static string SourceSubject(string id) => $"source:{id}";

    public static string ParameterSubject(string region, string key) => $"parameter:{region}/{key}";

    public static string ValueSubject(string region, string key, DateOnly from) => $"parameter:{region}/{key}@{from:yyyy-MM-dd}";

    public static string DisagreementSubject(string region, string id) => $"disagreement:{region}/{id}";

    public static string PageSubject(string region, string kind) => $"content:{region}/{kind}";

    private static void CheckRegions(PolicySnapshot snapshot, List<PolicyIssue> issues)
    {
        foreach (var duplicate in snapshot.Regions.GroupBy(r => r.Slug, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            issues.Add(new(RegionSubject(duplicate.Key), "slug", $"duplicate slug '{duplicate.Key}'"));
        }
        foreach (var region in snapshot.Regions)
        {
            if (region.ParentSlug is null)
            {
                if (region.Level != RegionLevel.National)
                {
                    issues.Add(new(RegionSubject(region.Slug), "parent", $"region '{region.Slug}' needs a parent"));
                }
                continue;
            }
            if (snapshot.FindRegion(region.ParentSlug) is null)
            {
                issues.Add(new(RegionSubject(region.Slug), "parent", $"unknown parent region '{region.ParentSlug}'"));
            }
            else if (IsInCycle(snapshot, region))
            {
                issues.Add(new(RegionSubject(region.Slug), "parent", $"cycle in the region tree: {string.Join(" -> ", CyclePath(snapshot, region))}"));
            }
        }
    }

    private static bool IsInCycle(PolicySnapshot snapshot, Region region)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = snapshot.FindRegion(region.ParentSlug!); current is not null; current = current.ParentSlug is null ? null : snapshot.FindRegion(current.ParentSlug))
        {
            if (current.Slug == region.Slug)
            {
                return true;
            }
            if (!seen.Add(current.Slug))
            {
                return false;
            }
        }
        return false;
    }

    private static IEnumerable<string> CyclePath(PolicySnapshot snapshot, Region region)
    {
        yield return region.Slug;
        for (var current = snapshot.FindRegion(region.ParentSlug!); current is not null && current.Slug != region.Slug; current = snapshot.FindRegion(current.ParentSlug ?? ""))
        {
            yield return current.Slug;
        }
        yield return region.Slug;
    }

    private static void CheckSources(PolicySnapshot snapshot, string subject, string field, IEnumerable<string> ids, List<PolicyIssue> issues, bool required = true)
    {
        var any = false;
        foreach (var id in ids)
        {
            any = true;
            if (snapshot.FindSource(id) is null)
            {
                issues.Add(new(subject, field, $"unknown source '{id}'"));
            }
        }
        if (!any && required)
        {
            issues.Add(new(subject, field, "at least one source is required"));
        }
    }

    private static void CheckParameters(PolicySnapshot snapshot, List<PolicyIssue> issues)
    {
        foreach (var parameter in snapshot.Parameters)
        {
            var subject = ParameterSubject(parameter.RegionSlug, parameter.Key);
            if (snapshot.FindRegion(parameter.RegionSlug) is null)
            {
                issues.Add(new(subject, "region", $"unknown region '{parameter.RegionSlug}'"));
            }
            var definition = snapshot.FindDefinition(parameter.Key);
            if (definition is null)
            {
                issues.Add(new(subject, "key", $"unknown parameter '{parameter.Key}'"));
            }
            if (parameter.Values.IsEmpty)
            {
                issues.Add(new(subject, "values", "a parameter needs at least one dated value"));
            }
            for (var i = 0; i < parameter.Values.Length; i++)
            {
                var value = parameter.Values[i];
                var valueSubject = ValueSubject(parameter.RegionSlug, parameter.Key, value.From);
                CheckSources(snapshot, valueSubject, "sources", value.SourceIds, issues);
                if (!value.Unconfirmed && value.SourceIds.Any(id => snapshot.FindSource(id) is not null) && StrengthOf(snapshot, value.SourceIds) == SourceStrength.Unconfirmed)
                {
                    issues.Add(new(valueSubject, "unconfirmed", "every source of this value is a consumer page or an anonymous repost: mark it unconfirmed"));
                }
                if (value.Until is { } until && until < value.From)
                {
                    issues.Add(new(valueSubject, "until", $"'until' {until:yyyy-MM-dd} is before the start {value.From:yyyy-MM-dd}"));
                }
                if (i > 0 && parameter.Values[i - 1].From >= value.From)
                {
                    issues.Add(new(valueSubject, "from", "values must be listed in date order"));
                }
                if (i + 1 < parameter.Values.Length && value.Until is { } end && end >= parameter.Values[i + 1].From)
                {
                    issues.Add(new(valueSubject, "until", $"effective period overlaps the value from {parameter.Values[i + 1].From:yyyy-MM-dd}"));
                }
                if (definition is not null)
                {
                    CheckValue(snapshot, definition, value.Value, valueSubject, issues);
                }
                // A province-level value may await adoption too: 兵团 is never named by the national per-province lists.
                if (value.LocalAdoption && (snapshot.FindRegion(parameter.RegionSlug) is not { Level: RegionLevel.National or RegionLevel.Province } || value.Value is not ListValue))
                {
                    issues.Add(new(valueSubject, "local_adoption", "only a national or province-level list value can await local adoption"));
                }
            }
        }
    }

    private static void CheckValue(PolicySnapshot snapshot, ParameterDefinition definition, PolicyValue value, string subject, List<PolicyIssue> issues)
    {
        if (value.Type != definition.Type)
        {
            issues.Add(new(subject, "value", $"expected a {definition.Type.ToString().ToLowerInvariant()} value for '{definition.Key}'"));
            return;
        }
        if (value is ListValue list && definition.Vocabulary is { } group)
        {
            foreach (var code in list.Items.Where(code => !snapshot.Vocabulary.Has(group, code)))
            {
                issues.Add(new(subject, "value", $"unknown {group} code '{code}'"));
            }
            foreach (var code in list.Excluded.Where(code => !snapshot.Vocabulary.Has(group, code)))
            {
                issues.Add(new(subject, "excluded", $"unknown {group} code '{code}'"));
            }
            foreach (var code in list.Excluded.Where(list.Contains))
            {
                issues.Add(new(subject, "excluded", $"'{code}' is both allowed and excluded"));
            }
        }
    }

    private static void CheckDisagreements(PolicySnapshot snapshot, List<PolicyIssue> issues)
    {
        foreach (var disagreement in snapshot.Disagreements)
        {
            var subject = DisagreementSubject(disagreement.RegionSlug, disagreement.Id);
            if (snapshot.FindRegion(disagreement.RegionSlug) is null)
            {
                issues.Add(new(subject, "region", $"unknown region '{disagreement.RegionSlug}'"));
            }
            var definition = disagreement.ParameterKey is { } key ? snapshot.FindDefinition(key) : null;
            if (disagreement.ParameterKey is not null && definition is null)
            {
                issues.Add(new(subject, "parameter", $"unknown parameter '{disagreement.ParameterKey}'"));
            }
            if (!disagreement.Codes.IsDefaultOrEmpty && definition?.Vocabulary is null)
            {
                issues.Add(new(subject, "codes", "'codes' needs a 'parameter' whose values are vocabulary codes"));
            }
            else if (!disagreement.Codes.IsDefaultOrEmpty && definition?.Vocabulary is { } group)
            {
                foreach (var code in disagreement.Codes.Where(code => !snapshot.Vocabulary.Has(group, code)))
                {
                    issues.Add(new(subject, "codes", $"unknown {group} code '{code}'"));
                }
            }
            if (disagreement.Claims.Length < 2)
            {
                issues.Add(new(subject, "claims", "a disagreement needs at least two claims"));
            }
            foreach (var claim in disagreement.Claims)
            {
                CheckSources(snapshot, subject, "claims", claim.SourceIds, issues);
            }
            CheckDecisions(disagreement, subject, issues);
        }
    }

    private static void CheckDecisions(Disagreement disagreement, string subject, List<PolicyIssue> issues)
    {
        if (disagreement.Decisions.IsDefaultOrEmpty)
        {
            issues.Add(new(subject, "resolution", "a disagreement needs a decision (resolution)"));
            return;
        }
        for (var i = 0; i < disagreement.Decisions.Length; i++)
        {
            var decision = disagreement.Decisions[i];
            if (decision.Resolution == Resolution.Follow && disagreement.FollowedClaim(decision) is null)
            {
                issues.Add(new(subject, "follow", "'follow' must be the index of one of the claims"));
            }
            if (decision is { From: { } from, Until: { } until } && until < from)
            {
                issues.Add(new(subject, "until", $"'until' {until:yyyy-MM-dd} is before 'from' {from:yyyy-MM-dd}"));
            }
            if (i > 0 && (decision.From is not { } start || disagreement.Decisions[i - 1].Until is not { } end || end >= start))
            {
                issues.Add(new(subject, "decisions", "decision periods must be in date order and must not overlap"));
            }
        }
    }

    /// <summary>The ids of every source a fact, claim or page of the whole cites.</summary>
    public static HashSet<string> CitedSourceIds(PolicySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Parameters.SelectMany(p => p.Values).SelectMany(v => v.SourceIds)
            .Concat(snapshot.Disagreements.SelectMany(d => d.Claims).SelectMany(c => c.SourceIds))
            .Concat(snapshot.Pages.SelectMany(p => p.SourceIds))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The strongest strength among the sources (unknown ids ignored): an answer is as sure as its best source.</summary>
    public static SourceStrength StrengthOf(PolicySnapshot snapshot, IEnumerable<string> sourceIds)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(sourceIds);
        var strength = SourceStrength.Unconfirmed;
        foreach (var id in sourceIds)
        {
            if (snapshot.FindSource(id) is { Strength: var s } && s < strength)
            {
                strength = s;
            }
        }
        return strength;
    }

    private static void CheckSourcesUsed(PolicySnapshot snapshot, List<PolicyIssue> issues)
    {
        foreach (var source in snapshot.Sources.Where(s => s.Region is not null && snapshot.FindRegion(s.Region) is null))
        {
            issues.Add(new(SourceSubject(source.Id), "region", $"unknown region '{source.Region}'"));
        }
        var used = CitedSourceIds(snapshot);
        foreach (var source in snapshot.Sources.Where(s => !used.Contains(s.Id)))
        {
            issues.Add(new(SourceSubject(source.Id), "", $"source '{source.Id}' is not used by any fact, claim or page"));
        }
    }

    private static void CheckPages(PolicySnapshot snapshot, List<PolicyIssue> issues)
    {
        foreach (var duplicate in snapshot.Pages.GroupBy(p => (p.RegionSlug, p.Key)).Where(g => g.Count() > 1))
        {
            issues.Add(new(PageSubject(duplicate.Key.RegionSlug, duplicate.Key.Key), "kind", "duplicate page"));
        }
        foreach (var page in snapshot.Pages)
        {
            var subject = PageSubject(page.RegionSlug, page.Key);
            if (snapshot.FindRegion(page.RegionSlug) is null)
            {
                issues.Add(new(subject, "region", $"unknown region '{page.RegionSlug}'"));
            }
            CheckSources(snapshot, subject, "sources", page.SourceIds, issues);
        }
    }
}
