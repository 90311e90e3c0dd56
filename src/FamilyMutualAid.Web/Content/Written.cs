using System.Collections.Immutable;

namespace FamilyMutualAid.Web.Content;

/// <summary>How the files write texts and lists: what reading a written file gives back.</summary>
internal static class Written
{
    public static string Required(string text) => text.Trim();

    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public static ImmutableArray<string> Items(ImmutableArray<string> items) => items.IsDefault ? [] : [.. items.Select(item => item.Trim())];

    public static ImmutableArray<T> Items<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}
