using YamlDotNet.Core;
using YamlDotNet.Core.Tokens;

namespace FamilyMutualAid.Web.Content;

/// <summary>Why a text was refused before parsing: the line where it went over a bound, and a message for staff.</summary>
public sealed record TextBreach(int Line, string Message);

/// <summary>
/// Bounds on YAML and Markdown text, checked before any parser builds a tree of it: YamlDotNet builds its nodes and
/// Markdig renders its blocks by recursion, one level per nesting level, so a short text nested thousands deep
/// exhausts the stack (the process exits) or makes every page that shows it fail. Every YAML text goes through
/// <see cref="YamlFields.ParseMapping"/>, which checks <see cref="Yaml"/>; every Markdown field checks <see cref="Markdown"/>.
/// </summary>
public static class TextBounds
{
    /// <summary>The longest YAML text read: the largest seed file (places.yaml) is about a quarter of it.</summary>
    public const int MaxYamlLength = 200_000;

    /// <summary>The longest Markdown page: the longest page today is a few thousand characters.</summary>
    public const int MaxMarkdownLength = 100_000;

    /// <summary>The deepest nesting allowed; the policy files nest about 6 deep, pages a quote or list in a list.</summary>
    public const int MaxDepth = 32;

    /// <summary>
    /// Checks length, then nesting with YamlDotNet's scanner alone: it is a loop over the characters with its own
    /// counters (no recursion), and its tokens mark every nesting YAML has ([ { and indentation), quotes and block
    /// text included, which a hand-written count of brackets would get wrong. A text the scanner cannot read is left
    /// to the parser, which reports the syntax error; it stops there, so it never goes deeper than was checked.
    /// </summary>
    public static TextBreach? Yaml(string? text)
    {
        text ??= "";
        if (text.Length > MaxYamlLength)
        {
            return TooLong(text, MaxYamlLength);
        }
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        var depth = 0;
        try
        {
            while (scanner.MoveNext())
            {
                switch (scanner.Current)
                {
                    case FlowSequenceStart or FlowMappingStart or BlockSequenceStart or BlockMappingStart:
                        if (++depth > MaxDepth)
                        {
                            return new((int)scanner.Current.Start.Line, $"嵌套太深：[ ]、{{ }} 和缩进最多 {MaxDepth} 层。请减少层次后再保存。");
                        }
                        break;
                    case FlowSequenceEnd or FlowMappingEnd or BlockEnd:
                        depth--;
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException)
        {
            return null;
        }
        return null;
    }

    /// <summary>
    /// Checks length, then the nesting of each line's block prefix: quote markers (&gt;), list markers (- * + 1.) and
    /// indentation (two spaces a level, as a nested list needs at least). It counts high rather than low: an indented
    /// code block counts its indentation as levels, which only a page of 64 spaces' indentation would notice.
    /// </summary>
    public static TextBreach? Markdown(string? text)
    {
        text ??= "";
        if (text.Length > MaxMarkdownLength)
        {
            return TooLong(text, MaxMarkdownLength);
        }
        var (line, brackets) = (1, 0);
        foreach (var range in text.AsSpan().Split('\n'))
        {
            var content = text.AsSpan()[range];
            if (BlockDepth(content) > MaxDepth)
            {
                return new(line, $"嵌套太深：引用（>）、列表和缩进最多 {MaxDepth} 层。请减少层次后再保存。");
            }
            // Links nest inside [ ]: counted over the whole text, high rather than low (a ] never counts below zero).
            foreach (var c in content)
            {
                brackets = c == '[' ? brackets + 1 : c == ']' ? Math.Max(0, brackets - 1) : brackets;
                if (brackets > MaxDepth)
                {
                    return new(line, $"嵌套太深：方括号 [ ] 最多 {MaxDepth} 层。请减少层次后再保存。");
                }
            }
            line++;
        }
        return null;
    }

    private static int BlockDepth(ReadOnlySpan<char> line)
    {
        var (depth, spaces) = (0, 0);
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == ' ')
            {
                spaces++;
                continue;
            }
            if (c == '\t')
            {
                spaces += 4;
                continue;
            }
            if (c == '>' || ((c is '-' or '*' or '+') && (i + 1 == line.Length || line[i + 1] is ' ' or '\t')))
            {
                depth++;
                continue;
            }
            var digits = 0;
            while (i + digits < line.Length && char.IsAsciiDigit(line[i + digits]) && digits < 10)
            {
                digits++;
            }
            if (digits > 0 && i + digits < line.Length && line[i + digits] is '.' or ')')
            {
                depth++;
                i += digits;
                continue;
            }
            break;
        }
        return depth + spaces / 2;
    }

    private static TextBreach TooLong(string text, int max) =>
        new(1 + text.AsSpan(0, max).Count('\n'), $"文字太长：最多 {max:N0} 个字符，这里有 {text.Length:N0} 个。");
}
