namespace FamilyMutualAid.Rules.Tests;

public sealed class InsuredPlacesTests
{
    private static readonly InsuredPlace Suzhou = new("320500", "苏州市", "jiangsu", "32", "3205");
    private static readonly InsuredPlace Nanjing = new("320100", "南京市", "jiangsu", "32", "3201");
    private static readonly InsuredPlace Jiangsu = new("320000", "江苏省", "jiangsu", "32", null);
    private static readonly InsuredPlace Shanghai = new("310000", "上海市", "shanghai", "31", "31");

    [Fact]
    public void Two_places_in_one_city_are_the_same_pooling_region() =>
        Assert.Equal(MemberLocation.SameRegion, InsuredPlaces.LocationOf(Suzhou, Suzhou with { Key = "320505", Name = "虎丘区" }));

    [Fact]
    public void Two_cities_of_one_province_are_the_same_province() =>
        Assert.Equal(MemberLocation.SameProvince, InsuredPlaces.LocationOf(Suzhou, Nanjing));

    [Fact]
    public void Places_in_two_provinces_are_other_province_even_when_only_the_province_is_known() =>
        Assert.Equal(MemberLocation.OtherProvince, InsuredPlaces.LocationOf(Shanghai, Jiangsu));

    [Fact]
    public void A_province_without_its_city_cannot_tell_same_city_from_same_province()
    {
        Assert.Null(InsuredPlaces.LocationOf(Jiangsu, Suzhou));
        Assert.Null(InsuredPlaces.LocationOf(Suzhou, Jiangsu));
    }
}
