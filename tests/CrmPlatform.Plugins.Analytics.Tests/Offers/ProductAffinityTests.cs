using CrmPlatform.Plugins.Analytics.Offers;

namespace CrmPlatform.Plugins.Analytics.Tests.Offers;

public sealed class ProductAffinityTests
{
    // Five customers (N = 5). Buyers: A 4, B 4, C 3, D 1. Both: AB 3, AC 2, BC 2, AD 1, BD 1, CD 0.
    //   A→B: support 3/5 = 0.6, confidence 3/4 = 0.75, lift 0.75 / (4/5) = 0.9375 (B→A the same)
    //   C→A: support 0.4, confidence 2/3, lift (2/3) / (4/5) = 5/6;  A→C: confidence 2/4, lift 0.5 / (3/5) = 5/6
    //   C→B, B→C: as C→A, A→C.   A→D, B→D: support 0.2, confidence 0.25, lift 0.25 / 0.2 = 1.25;  D→A, D→B: confidence 1, lift 1.25
    private static readonly Dictionary<string, IReadOnlyCollection<string>> Baskets = new()
    {
        ["c1"] = ["A", "B", "C"],
        ["c2"] = ["A", "B", "B"],
        ["c3"] = ["A", "C"],
        ["c4"] = ["B", "C"],
        ["c5"] = ["A", "B", "D"],
    };

    private static readonly AssociationRuleOptions Strong = new() { MinimumSupport = 0.3, MinimumConfidence = 0.5 };

    [Fact]
    public void Learn_FiveBaskets_PairRulesWithExactSupportConfidenceAndLift()
    {
        var rules = ProductAffinity.Learn(Baskets, Strong).Rules;

        // Ordered by confidence, lift and support (all descending), then by the suggested SKU and the bought SKU.
        Assert.Equal(
            [
                new AssociationRule("B", "A", 0.6, 0.75, 0.9375),
                new AssociationRule("A", "B", 0.6, 0.75, 0.9375),
                new AssociationRule("C", "A", 0.4, 2.0 / 3, 2.0 / 3 / 0.8),
                new AssociationRule("C", "B", 0.4, 2.0 / 3, 2.0 / 3 / 0.8),
                new AssociationRule("A", "C", 0.4, 0.5, 0.5 / 0.6),
                new AssociationRule("B", "C", 0.4, 0.5, 0.5 / 0.6),
            ],
            rules,
            RuleEqual);
    }

    [Fact]
    public void Learn_LowerSupport_KeepsTheRareProductsRules()
    {
        var rules = ProductAffinity.Learn(Baskets, new AssociationRuleOptions { MinimumSupport = 0.2, MinimumConfidence = 0 }).Rules;

        Assert.Equal(10, rules.Count);
        Assert.Equal(new AssociationRule("D", "A", 0.2, 1, 1.25), rules[0], RuleEqual);
        Assert.Equal(new AssociationRule("A", "D", 0.2, 0.25, 1.25), rules.Single(r => r is { Antecedent: "A", Consequent: "D" }), RuleEqual);
        Assert.DoesNotContain(rules, r => r is { Antecedent: "C", Consequent: "D" } or { Antecedent: "D", Consequent: "C" });
    }

    [Fact]
    public void NextBestOffer_CustomerWithBAndC_OffersAByTheStrongestRule()
    {
        var offer = ProductAffinity.Learn(Baskets, Strong).NextBestOffer("c4");

        Assert.NotNull(offer);
        Assert.Equal("A", offer.Sku);
        Assert.Equal(0.75, offer.Score, 12);
        Assert.Equal(("B", "A"), (offer.Rule.Antecedent, offer.Rule.Consequent));
    }

    [Fact]
    public void NextBestOffer_TiedRules_FirstAntecedentBySku()
    {
        // c2 has A and B: C is suggested by A→C and B→C, both confidence 0.5, lift 5/6, support 0.4.
        var offer = ProductAffinity.Learn(Baskets, Strong).NextBestOffer("c2");

        Assert.NotNull(offer);
        Assert.Equal("C", offer.Sku);
        Assert.Equal(0.5, offer.Score, 12);
        Assert.Equal("A", offer.Rule.Antecedent);
    }

    [Fact]
    public void NextBestOffer_CustomerOwningEverySuggestion_Null()
    {
        Assert.Null(ProductAffinity.Learn(Baskets, Strong).NextBestOffer("c1"));
    }

    [Fact]
    public void NextBestOffer_RareRulesAllowed_OffersTheRareProduct()
    {
        var offer = ProductAffinity.Learn(Baskets, new AssociationRuleOptions { MinimumSupport = 0.2, MinimumConfidence = 0.2 }).NextBestOffer("c1");

        Assert.NotNull(offer);
        Assert.Equal("D", offer.Sku);
        Assert.Equal(0.25, offer.Score, 12);
        Assert.Equal("A", offer.Rule.Antecedent);
    }

    [Fact]
    public void NextBestOffer_UnknownCustomerOrNewBasket_NullOrByRules()
    {
        var affinity = ProductAffinity.Learn(Baskets, Strong);

        Assert.Null(affinity.NextBestOffer("nobody"));
        Assert.Equal("A", affinity.NextBestOffer(["C"])!.Sku);
        Assert.Null(affinity.NextBestOffer(["Z"]));
    }

    [Fact]
    public void Learn_ThresholdAboveOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProductAffinity.Learn(Baskets, new AssociationRuleOptions { MinimumConfidence = 1.5 }));
    }

    private static bool RuleEqual(AssociationRule x, AssociationRule y) =>
        x.Antecedent == y.Antecedent && x.Consequent == y.Consequent
        && Math.Abs(x.Support - y.Support) < 1e-12 && Math.Abs(x.Confidence - y.Confidence) < 1e-12 && Math.Abs(x.Lift - y.Lift) < 1e-12;
}
