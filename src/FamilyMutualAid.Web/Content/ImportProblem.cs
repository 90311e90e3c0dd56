namespace FamilyMutualAid.Web.Content;

/// <summary>One thing wrong with the seed or content files, pointing at the file, line and field.</summary>
public sealed record ImportProblem(string File, int Line, string Field, string Message)
{
    public override string ToString() =>
        string.IsNullOrEmpty(Field) ? $"{File}:{Line}: {Message}" : $"{File}:{Line}: {Field}: {Message}";

    /// <summary>The problem in a text staff typed into a form: its line in that text, the field and the message.</summary>
    public string InEditedText => $"第 {Line} 行 {Field}: {Message}";
}

/// <summary>Where a value was read from, so a later check can name the file and line.</summary>
public sealed record FileLocation(string File, int Line);
