using System.Collections.Frozen;
using System.Collections.Immutable;

namespace FamilyMutualAid.Rules;

/// <summary>A parameter value as it applies to a region on a date, and where it came from.</summary>
public sealed record EffectiveValue(
    ParameterDefinition Definition,
    PolicyParameter Parameter,
    DatedValue Value,
    Region Owner,
    bool Inherited);

/// <summary>
/// What the list rules in force for a region on a date say about one code. Per code, the nearest region whose value
/// states it decides; a code no value states is <see cref="CodeState.NotStated"/>.
/// </summary>
/// <param name="Rule">The deciding value, or (when nothing states the code) the nearest value in force, or null.</param>
/// <param name="AwaitsAdoption">The deciding value is a national one each province adopts on its own, and what it says about the code is new.</param>
/// <param name="Corroborated">An unconfirmed deciding value is backed by a confirmed ancestor's value saying the same.</param>
public sealed record CodeRuling(CodeState State, EffectiveValue? Rule, bool AwaitsAdoption, bool Corroborated)
{
    /// <summary>The ruling rests on a weak source or on an adoption no source confirms.</summary>
    public bool Unconfirmed => AwaitsAdoption || (State != CodeState.NotStated && Rule is { Value.Unconfirmed: true } && !Corroborated);
}

/// <summary>How much a region has of its own, beyond the rules it inherits.</summary>
public enum LocalCoverage
{
    /// <summary>No value, disagreement or page of its own: only inherited rules apply.</summary>
    None,

    /// <summary>Records of its own, but each rests only on national or general sources (the national per-province lists, web articles about many places).</summary>
    NationalSourcesOnly,

    /// <summary>A record of its own cites a source about the region itself: a local notice, guide or report.</summary>
    LocalSources,
}

/// <summary>An immutable, indexed copy of all published policy data.</summary>
public sealed class PolicySnapshot
{
    private readonly FrozenDictionary<string, Region> _regions;
    private readonly FrozenDictionary<string, Source> _sources;
    private readonly FrozenDictionary<string, ParameterDefinition> _definitions;
    private readonly FrozenDictionary<(string Region, string Key), PolicyParameter> _parameters;
    private readonly FrozenDictionary<string, ImmutableArray<Region>> _children;
    private readonly FrozenDictionary<string, ImmutableArray<Region>> _lineages;
    private readonly FrozenDictionary<string, ImmutableArray<Disagreement>> _disagreementsFor;
    private readonly FrozenDictionary<(string Region, string Key), ImmutableArray<Disagreement>> _disagreementsAbout;
    private readonly FrozenDictionary<string, LocalCoverage> _coverage;

    public PolicySnapshot(
        IEnumerable<Region> regions,
        IEnumerable<Source> sources,
        IEnumerable<ParameterDefinition> definitions,
        IEnumerable<PolicyParameter> parameters,
        IEnumerable<Disagreement> disagreements,
        IEnumerable<ContentPage> pages,
        Vocabulary vocabulary)
    {
        Regions = [.. regions.OrderBy(r => r.Level).ThenBy(r => r.Slug, StringComparer.Ordinal)];
        Sources = [.. sources.OrderBy(s => s.Date ?? DateOnly.MaxValue).ThenBy(s => s.Id, StringComparer.Ordinal)];
        Definitions = [.. definitions];
        Parameters = [.. parameters];
        Disagreements = [.. disagreements];
        Pages = [.. pages];
        Vocabulary = vocabulary;

        _regions = Regions.DistinctBy(r => r.Slug).ToFrozenDictionary(r => r.Slug, StringComparer.Ordinal);
        _sources = Sources.DistinctBy(s => s.Id).ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        _definitions = Definitions.DistinctBy(d => d.Key).ToFrozenDictionary(d => d.Key, StringComparer.Ordinal);
        _parameters = Parameters.DistinctBy(p => (p.RegionSlug, p.Key)).ToFrozenDictionary(p => (p.RegionSlug, p.Key));
        _children = Regions.Where(r => r.ParentSlug is not null)
            .GroupBy(r => r.ParentSlug!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray(), StringComparer.Ordinal);
        // Computed once so that resolving a value, which the eligibility engine does many times per case, allocates nothing.
        _lineages = _regions.Keys.ToFrozenDictionary(slug => slug, WalkLineage, StringComparer.Ordinal);
        _disagreementsFor = _lineages.ToFrozenDictionary(
            entry => entry.Key,
            entry => entry.Value.SelectMany(r => Disagreements.Where(d => d.RegionSlug == r.Slug)).ToImmutableArray(),
            StringComparer.Ordinal);
        _disagreementsAbout = _disagreementsFor
            .SelectMany(entry => entry.Value.Where(d => d.ParameterKey is not null).GroupBy(d => d.ParameterKey!, StringComparer.Ordinal)
                .Select(g => KeyValuePair.Create((entry.Key, g.Key), g.ToImmutableArray())))
            .ToFrozenDictionary();
        _coverage = _regions.Keys.ToFrozenDictionary(slug => slug, WorkOutCoverage, StringComparer.Ordinal);
    }

    public static PolicySnapshot Empty { get; } = new([], [], [], [], [], [], Vocabulary.Empty);

    public ImmutableArray<Region> Regions { get; }
    public ImmutableArray<Source> Sources { get; }
    public ImmutableArray<ParameterDefinition> Definitions { get; }
    public ImmutableArray<PolicyParameter> Parameters { get; }
    public ImmutableArray<Disagreement> Disagreements { get; }
    public ImmutableArray<ContentPage> Pages { get; }
    public Vocabulary Vocabulary { get; }

    public Region? FindRegion(string slug) => _regions.GetValueOrDefault(slug);

    public Source? FindSource(string id) => _sources.GetValueOrDefault(id);

    public ParameterDefinition? FindDefinition(string key) => _definitions.GetValueOrDefault(key);

    public ImmutableArray<Region> ChildrenOf(string slug) => _children.GetValueOrDefault(slug, []);

    /// <summary>The region and its ancestors, nearest first. Stops at a cycle.</summary>
    public IEnumerable<Region> LineageOf(string slug) => _lineages.GetValueOrDefault(slug, []);

    private ImmutableArray<Region> WalkLineage(string slug)
    {
        var lineage = ImmutableArray.CreateBuilder<Region>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var region = FindRegion(slug); region is not null && seen.Add(region.Slug); region = region.ParentSlug is null ? null : FindRegion(region.ParentSlug))
        {
            lineage.Add(region);
        }
        return lineage.ToImmutable();
    }

    public PolicyParameter? FindParameter(string regionSlug, string key) => _parameters.GetValueOrDefault((regionSlug, key));

    /// <summary>The value of <paramref name="key"/> for a region on a date: its own, else the nearest ancestor's.</summary>
    public EffectiveValue? Resolve(string regionSlug, string key, DateOnly date)
    {
        if (FindDefinition(key) is not { } definition)
        {
            return null;
        }
        foreach (var region in _lineages.GetValueOrDefault(regionSlug, []))
        {
            if (FindParameter(region.Slug, key) is { } parameter && parameter.ValueOn(date) is { } value)
            {
                return new EffectiveValue(definition, parameter, value, region, region.Slug != regionSlug);
            }
        }
        return null;
    }

    /// <summary>What the list parameter <paramref name="key"/> says about <paramref name="code"/> for a region on a date.</summary>
    public CodeRuling ResolveCode(string regionSlug, string key, string code, DateOnly date)
    {
        if (FindDefinition(key) is not { } definition)
        {
            return new(CodeState.NotStated, null, false, false);
        }
        EffectiveValue? nearest = null;
        EffectiveValue? deciding = null;
        var state = CodeState.NotStated;
        foreach (var region in _lineages.GetValueOrDefault(regionSlug, []))
        {
            if (FindParameter(region.Slug, key) is not { } parameter || parameter.ValueOn(date) is not { } value)
            {
                continue;
            }
            var effective = new EffectiveValue(definition, parameter, value, region, region.Slug != regionSlug);
            nearest ??= effective;
            var stated = StateOf(value, code);
            if (stated != CodeState.NotStated && value.LocalAdoption)
            {
                // Adopted province by province: only what the value before it already said holds everywhere.
                var before = parameter.ValueOn(value.From.AddDays(-1));
                if (before is null || StateOf(before, code) != stated)
                {
                    return deciding is null ? new(stated, effective, true, false) : new(state, deciding, false, false);
                }
                effective = effective with { Value = before };
            }
            if (stated == CodeState.NotStated)
            {
                continue;
            }
            if (deciding is null)
            {
                (deciding, state) = (effective, stated);
                if (!effective.Value.Unconfirmed)
                {
                    return new(state, deciding, false, false);
                }
                if (EarlierConfirmedSays(parameter, effective.Value, code, stated))
                {
                    return new(state, deciding, false, true);
                }
                continue;
            }
            // An unconfirmed value is corroborated only by a confirmed ancestor saying the same.
            return new(state, deciding, false, stated == state && !effective.Value.Unconfirmed);
        }
        return new(state, deciding ?? nearest, false, false);
    }

    /// <summary>
    /// What a list parameter says about every code of its vocabulary for a region on a date, in vocabulary order, each
    /// as <see cref="ResolveCode"/> decides it; empty for a parameter that is not a list of vocabulary codes.
    /// </summary>
    public IReadOnlyList<(string Code, CodeRuling Ruling)> ResolveCodes(string regionSlug, string key, DateOnly date) =>
        FindDefinition(key) is { Type: ParameterType.List, Vocabulary: { } group }
            ? [.. Vocabulary.Terms(group).Select(term => (term.Code, ResolveCode(regionSlug, key, term.Code, date)))]
            : [];

    /// <summary>Whether the last earlier value that states the code says the same and is confirmed: a weak restatement does not weaken it.</summary>
    private static bool EarlierConfirmedSays(PolicyParameter parameter, DatedValue value, string code, CodeState state)
    {
        for (var i = parameter.Values.IndexOf(value) - 1; i >= 0; i--)
        {
            if (StateOf(parameter.Values[i], code) is var earlier && earlier != CodeState.NotStated)
            {
                return earlier == state && !parameter.Values[i].Unconfirmed;
            }
        }
        return false;
    }

    private static CodeState StateOf(DatedValue value, string code) => value.Value is ListValue list ? list.StateOf(code) : CodeState.NotStated;

    /// <summary>The first day after <paramref name="date"/> on which a value of the region or an ancestor states the code (any value, for a null code).</summary>
    public DateOnly? FirstStatedAfter(string regionSlug, string key, string? code, DateOnly date)
    {
        DateOnly? first = null;
        foreach (var region in _lineages.GetValueOrDefault(regionSlug, []))
        {
            foreach (var value in FindParameter(region.Slug, key)?.Values ?? [])
            {
                if (value.From > date && (code is null || StateOf(value, code) != CodeState.NotStated) && (first is null || value.From < first))
                {
                    first = value.From;
                }
            }
        }
        return first;
    }

    /// <summary>
    /// How much the region has of its own (the one classification the region list, the region page and the check's
    /// wording share): a local source, only national ones, or nothing.
    /// </summary>
    public LocalCoverage CoverageOf(string regionSlug) => _coverage.GetValueOrDefault(regionSlug, LocalCoverage.None);

    /// <summary>
    /// Whether a source speaks about the region itself: its <see cref="Source.Region"/> is the region, a place within it,
    /// or a province containing it; a source with no region (national or general) never is.
    /// </summary>
    public bool IsLocalSource(Source source, string regionSlug)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Region is not { } about || FindRegion(about) is not { ParentSlug: not null } || FindRegion(regionSlug) is not { ParentSlug: not null })
        {
            return false;
        }
        return LineageOf(about).Any(r => r.Slug == regionSlug)
            || LineageOf(regionSlug).Any(r => r.Slug == about);
    }

    /// <summary>Whether any of the sources cited speaks about the region itself (see <see cref="IsLocalSource"/>).</summary>
    public bool CitesLocalSource(IEnumerable<string> sourceIds, string regionSlug)
    {
        ArgumentNullException.ThrowIfNull(sourceIds);
        return sourceIds.Select(FindSource).OfType<Source>().Any(s => IsLocalSource(s, regionSlug));
    }

    private LocalCoverage WorkOutCoverage(string slug)
    {
        var cited = Parameters.Where(p => p.RegionSlug == slug).SelectMany(p => p.Values.SelectMany(v => v.SourceIds))
            .Concat(Disagreements.Where(d => d.RegionSlug == slug).SelectMany(d => d.Claims.SelectMany(c => c.SourceIds)))
            .Concat(Pages.Where(p => p.RegionSlug == slug).SelectMany(p => p.SourceIds))
            .ToList();
        var hasOwn = Parameters.Any(p => p.RegionSlug == slug) || Disagreements.Any(d => d.RegionSlug == slug) || Pages.Any(p => p.RegionSlug == slug);
        return !hasOwn ? LocalCoverage.None
            : CitesLocalSource(cited, slug) ? LocalCoverage.LocalSources
            : LocalCoverage.NationalSourcesOnly;
    }

    /// <summary>Every parameter in force for a region on a date, in definition order.</summary>
    public IReadOnlyList<EffectiveValue> ResolveAll(string regionSlug, DateOnly date) =>
        [.. Definitions.Select(d => Resolve(regionSlug, d.Key, date)).OfType<EffectiveValue>()];

    public IEnumerable<PolicyParameter> ParametersOf(string regionSlug) =>
        Parameters.Where(p => p.RegionSlug == regionSlug);

    public IEnumerable<ContentPage> PagesOf(string regionSlug) =>
        Pages.Where(p => p.RegionSlug == regionSlug);

    /// <summary>The binding channels documented for the region itself (not inherited): online ones first, then by id.</summary>
    public IEnumerable<ContentPage> ChannelsOf(string regionSlug) =>
        Pages.Where(p => p.RegionSlug == regionSlug && p.Kind == ContentPage.ChannelKind)
            .OrderBy(p => p.Mode).ThenBy(p => p.Channel, StringComparer.Ordinal);

    /// <summary>A region's own page by <see cref="ContentPage.Key"/>: "faq", or "channel/suishenban".</summary>
    public ContentPage? FindPage(string regionSlug, string key) =>
        Pages.FirstOrDefault(p => p.RegionSlug == regionSlug && p.Key == key);

    /// <summary>Disagreements recorded for the region or any ancestor, nearest first.</summary>
    public IEnumerable<Disagreement> DisagreementsFor(string regionSlug) => _disagreementsFor.GetValueOrDefault(regionSlug, []);

    /// <summary>Disagreements about one parameter recorded for the region or any ancestor, nearest first.</summary>
    public ImmutableArray<Disagreement> DisagreementsAbout(string regionSlug, string parameterKey) =>
        _disagreementsAbout.GetValueOrDefault((regionSlug, parameterKey), []);
}
