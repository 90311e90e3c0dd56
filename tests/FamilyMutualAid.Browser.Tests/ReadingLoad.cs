using System.Globalization;
using System.Text;
using Microsoft.Playwright;

namespace FamilyMutualAid.Browser.Tests;

/// <summary>
/// An estimate of how long a journey takes a person who reads each page: the characters shown in the page's main
/// part above the control they press next (what they read before acting; of a list of choices, those up to the one
/// they pick), at a reading pace, plus a fixed time per tap or typed answer and per page load. The figures are
/// assumptions, stated here and in docs/testing.md: 500 characters a minute is the silent-reading pace China's
/// compulsory-education Chinese curriculum expects of lower-secondary pupils for ordinary texts; 1.5 s a tap.
/// </summary>
public sealed class ReadingLoad
{
    public const double CharactersPerMinute = 500;
    public const double SecondsPerAction = 1.5;
    public const double SecondsPerPage = 1.0;

    private readonly List<(string Url, int Characters, string Text)> _pages = [];
    private int _actions;

    public double Seconds =>
        (_pages.Sum(p => p.Characters) / CharactersPerMinute * 60) + (_actions * SecondsPerAction) + (_pages.Count * SecondsPerPage);

    /// <summary>Counts the text a reader passes on <paramref name="page"/> before reaching <paramref name="control"/>, which they then press.</summary>
    public async Task PageAsync(IPage page, ILocator control)
    {
        await ReadAsync(page, control);
        _actions++; // pressing the control
    }

    /// <summary>
    /// Counts the text a reader passes on <paramref name="page"/> before reaching <paramref name="end"/>, where the
    /// journey ends without pressing anything (the answer read): a page, but no tap.
    /// </summary>
    public async Task ReadAsync(IPage page, ILocator end)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(end);
        var control = end;
        var bottom = await control.EvaluateAsync<double>("e => e.getBoundingClientRect().bottom + window.scrollY");
        var counted = await page.EvaluateAsync<CountedText>(
            """
            bottom => {
              const main = document.querySelector('main');
              const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
              let count = 0;
              const read = [];
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.textContent.replace(/\s+/g, '');
                if (text === '') continue;
                const element = node.parentElement;
                if (element.closest('.visually-hidden, [hidden], script')) continue;
                const label = element.closest('label[for]');
                const choice = label && document.getElementById(label.htmlFor);
                if (choice && choice.type === 'radio') {
                  const group = [...document.getElementsByName(choice.name)];
                  const picked = group.findIndex(r => r.checked);
                  if (picked >= 0 && group.indexOf(choice) > picked) continue;
                }
                const range = document.createRange();
                range.selectNodeContents(node);
                const rect = range.getBoundingClientRect();
                if (rect.width === 0 || rect.height === 0) continue;
                if (rect.top + window.scrollY >= bottom) continue;
                count += [...text].length;
                read.push(text);
              }
              return { count, text: read.join(' ') };
            }
            """, bottom);
        _pages.Add((new Uri(page.Url).AbsolutePath, counted.Count, counted.Text));
    }

    /// <summary>Counts <paramref name="count"/> taps or typed answers on the current page.</summary>
    public void Act(int count = 1) => _actions += count;

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"estimated {Seconds:0} s: {_pages.Sum(p => p.Characters)} characters read at {CharactersPerMinute}/min, {_actions} actions at {SecondsPerAction} s, {_pages.Count} pages at {SecondsPerPage} s");
        foreach (var (url, characters, read) in _pages)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {url}: {characters} characters");
            text.AppendLine(CultureInfo.InvariantCulture, $"    {read}");
        }
        return text.ToString();
    }

    private sealed class CountedText
    {
        public int Count { get; set; }

        public string Text { get; set; } = "";
    }

    /// <summary>Writes the estimate beside the screenshots, for docs/testing.md and for people to look at.</summary>
    public void Report(string name)
    {
        Directory.CreateDirectory(BrowserFixture.ArtifactsDirectory);
        File.WriteAllText(Path.Combine(BrowserFixture.ArtifactsDirectory, $"check-reading-{name}.txt"), Describe());
    }
}
