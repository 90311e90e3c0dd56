namespace FamilyMutualAid.Rules;

/// <summary>Which basic medical insurance a person has.</summary>
public enum InsuranceType
{
    /// <summary>职工基本医疗保险: the only kind with a personal account.</summary>
    Employee,

    /// <summary>城乡居民基本医疗保险.</summary>
    Resident,

    /// <summary>No basic medical insurance.</summary>
    None,
}

/// <summary>Whether a person's insurance is currently in force.</summary>
public enum InsuranceStatus
{
    Normal,
    Suspended,
}

/// <summary>How the family member is related to the sharer.</summary>
public enum Relationship
{
    Spouse,
    Parent,
    Child,
    Sibling,
    Grandparent,
    Grandchild,
    Other,
}

/// <summary>Where the family member is insured, seen from the sharer's pooling region.</summary>
public enum MemberLocation
{
    SameRegion,
    SameProvince,
    OtherProvince,
}

/// <summary>What the shared money would pay for.</summary>
public enum Purpose
{
    Hospital,
    Pharmacy,
    ResidentPremium,
    LongTermCarePremium,
    CommercialInsurance,
    Wellness,
}

/// <summary>The person whose personal account would pay.</summary>
public sealed record Sharer(InsuranceType Insurance, InsuranceStatus Status, decimal Balance);

/// <summary>The relative the money would be used for.</summary>
public sealed record Member(Relationship Relationship, InsuranceType Insurance, InsuranceStatus Status, MemberLocation Location)
{
    /// <summary>The policy region where the relative is insured, when known: the other side of a transfer to another province.</summary>
    public string? RegionSlug { get; init; }
}

/// <summary>One question to the engine: may this sharer's account pay for this relative, for this purpose, here, on this date?</summary>
public sealed record EligibilityCase(string RegionSlug, DateOnly AsOf, Sharer Sharer, Member Member, Purpose Purpose);
