using ModelZoo.Data.Catalog;
namespace ModelZoo.Data.Tests.Datasets;

public sealed class CatalogSplitTests
{
    private static string Hymenoptera => RepoPaths.SharedData("imagefolder", "hymenoptera-mini");

    [Fact]
    public void A_root_with_train_and_val_gives_both_splits_with_the_same_classes()
    {
        DatasetSplits s = DatasetCatalog.OpenSplits("imagefolder", Hymenoptera);
        Assert.Equal(20, s.Train.Count);
        Assert.Equal(10, s.Eval!.Count);
        Assert.Equal(new[] { "ants", "bees" }, s.Spec.Classes);
        Assert.False(s.Spec.FixedSize);
    }

    [Fact]
    public void A_single_tree_is_shuffled_by_seed_so_the_last_fifth_holds_both_classes()
    {
        string train = Path.Combine(Hymenoptera, "train");
        DatasetSplits a = DatasetCatalog.OpenSplits("imagefolder", train, seed: 1);
        DatasetSplits b = DatasetCatalog.OpenSplits("imagefolder", train, seed: 1);
        Assert.Null(a.Eval);
        int[] labelsA = Enumerable.Range(0, a.Train.Count).Select(i => ((ClassificationSubset)a.Train).Indices[i]).ToArray();
        int[] labelsB = Enumerable.Range(0, b.Train.Count).Select(i => ((ClassificationSubset)b.Train).Indices[i]).ToArray();
        Assert.Equal(labelsA, labelsB);
        Assert.Equal(Enumerable.Range(0, 20), labelsA.OrderBy(i => i));
        var folder = new ModelZoo.Data.Datasets.ImageFolders.ImageFolder(train);
        int[] lastFifth = labelsA[16..].Select(i => folder.Samples[i].Label).ToArray();
        int[] firstPart = labelsA[..16].Select(i => folder.Samples[i].Label).ToArray();
        Assert.Contains(0, firstPart);
        Assert.Contains(1, firstPart);
        Assert.NotEqual(Enumerable.Range(0, 20), labelsA);
        Assert.Equal(4, lastFifth.Length);
    }
}
