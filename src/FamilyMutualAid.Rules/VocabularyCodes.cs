namespace FamilyMutualAid.Rules;

/// <summary>The vocabulary code of each case enum member (OtherProvince → other_province), as used in list values.</summary>
public static class VocabularyCodes
{
    private static readonly string[] Insurance = Build<InsuranceType>();
    private static readonly string[] Statuses = Build<InsuranceStatus>();
    private static readonly string[] Relationships = Build<Relationship>();
    private static readonly string[] Locations = Build<MemberLocation>();
    private static readonly string[] Purposes = Build<Purpose>();
    private static readonly string[] Venues = Build<Venue>();

    public static string Of(InsuranceType value) => Lookup(Insurance, (int)value);

    public static string Of(InsuranceStatus value) => Lookup(Statuses, (int)value);

    public static string Of(Relationship value) => Lookup(Relationships, (int)value);

    public static string Of(MemberLocation value) => Lookup(Locations, (int)value);

    public static string Of(Purpose value) => Lookup(Purposes, (int)value);

    /// <summary>The venue as a code of the purpose vocabulary (hospital, pharmacy).</summary>
    public static string Of(Venue value) => Lookup(Venues, (int)value);

    /// <summary>PascalCase to snake_case, the same rule the importer and the API use for every enum.</summary>
    public static string SnakeCase(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }

    private static string Lookup(string[] codes, int index) =>
        (uint)index < (uint)codes.Length ? codes[index] : throw new ArgumentOutOfRangeException(nameof(index), index, "not a member of the enum");

    // Indexed by the member's value, so the engine maps a case to codes without allocating.
    private static string[] Build<TEnum>()
        where TEnum : struct, Enum
    {
        var values = Enum.GetValues<TEnum>();
        var codes = new string[values.Length];
        foreach (var value in values)
        {
            codes[Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)] = SnakeCase(value.ToString());
        }
        return codes;
    }
}
