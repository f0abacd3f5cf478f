using ModelZoo.Models.LeNets;
using ModelZoo.Models.Weights;
using ModelZoo.Models.Weights.Loading;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelZoo.Models.Tests.Weights;

/// <summary>Loading checkpoints saved with other key names: <see cref="LoadOptions.KeyMapRules"/> (prefix and regex
/// rules), <see cref="KeyMatching.Position"/>, and the refusal of NaN/infinite weights.</summary>
public sealed class KeyMapAndPositionTests
{
    /// <summary>Keys of a LeNet-5 as a foreign script might name them (nn.Sequential "feature" and "classifier").</summary>
    private static readonly Dictionary<string, string> s_foreign = new()
    {
        ["conv1"] = "feature.0", ["conv2"] = "feature.3", ["fc1"] = "classifier.0", ["fc2"] = "classifier.2", ["fc3"] = "classifier.4",
    };

    private static TensorDict Foreign(int seed, Func<string, Tensor, Tensor>? edit = null)
    {
        using var model = LeNetBuilders.LeNet5(seed: seed);
        var dict = new TensorDict();
        foreach ((string key, Tensor t) in model.state_dict())
        {
            string[] parts = key.Split('.');
            string name = s_foreign[parts[0]] + "." + parts[1];
            Tensor value = t.detach().clone();
            dict.Add(name, edit?.Invoke(name, value) ?? value);
        }
        return dict;
    }

    private static float[] Values(nn.Module model, string key) => model.state_dict()[key].detach().data<float>().ToArray();

    [Fact]
    public void Prefix_rules_rename_and_the_mapping_is_reported()
    {
        using TensorDict source = Foreign(1);
        using var model = LeNetBuilders.LeNet5(seed: 2);
        var rules = KeyMapRule.ParseList("feature.0.=conv1., feature.3.=conv2.,classifier.0.=fc1.,classifier.2.=fc2.,classifier.4.=fc3.");
        Assert.Equal(5, rules.Count);
        LoadResult result = StateDictLoader.Load(model, source, new LoadOptions { KeyMapRules = rules });
        Assert.True(result.IsExact);
        Assert.Equal(source["classifier.4.weight"].data<float>().ToArray(), Values(model, "fc3.weight"));
        Assert.Equal(new KeyValuePair<string, string>("feature.3.bias", "conv2.bias"), result.Mapping[3]);
        Assert.Equal(10, result.Mapping.Count);
    }

    [Fact]
    public void Regex_rules_use_groups_and_the_first_rule_that_applies_wins()
    {
        using TensorDict source = Foreign(1);
        using var model = LeNetBuilders.LeNet5(seed: 2);
        var rules = new[]
        {
            KeyMapRule.Parse("re:classifier\\.0\\.(.*)=fc1.$1"),
            KeyMapRule.Parse("re:classifier\\.2\\.(.*)=fc2.$1"),
            KeyMapRule.Parse("re:classifier\\.\\d\\.(.*)=fc3.$1"),   // only classifier.4 is left for this one
            KeyMapRule.Parse("feature.0.=conv1."),
            KeyMapRule.Parse("feature.3.=conv2."),
        };
        Assert.True(rules[0].IsRegex);
        Assert.False(rules[3].IsRegex);
        Assert.Equal("re:classifier\\.0\\.(.*)=fc1.$1", rules[0].ToString());
        LoadResult result = StateDictLoader.Load(model, source, new LoadOptions { KeyMapRules = rules });
        Assert.True(result.IsExact);
        Assert.Equal(source["classifier.2.bias"].data<float>().ToArray(), Values(model, "fc2.bias"));
        // A regex must match the whole key: "lassifier" alone does not apply.
        Assert.Null(KeyMapRule.Parse("re:lassifier=x").Apply("classifier"));
        Assert.Equal("x.weight", KeyMapRule.Parse("head.=x.").Apply("head.weight"));
        Assert.Equal("weight", KeyMapRule.Parse("head.=").Apply("head.weight"));
    }

    [Theory]
    [InlineData("no-equals-sign")]
    [InlineData("=conv1.")]
    [InlineData("re:(unclosed=x")]
    public void Malformed_rules_are_format_errors_naming_the_form(string text)
    {
        var e = Assert.Throws<FormatException>(() => KeyMapRule.Parse(text));
        Assert.Contains(text.StartsWith("re:(") ? "not a valid regular expression" : "OLD=NEW", e.Message);
    }

    [Fact]
    public void Position_matching_pairs_tensors_in_order_and_reports_the_pairs()
    {
        using TensorDict source = Foreign(1);
        using var model = LeNetBuilders.LeNet5(seed: 2);
        LoadResult result = StateDictLoader.Load(model, source, new LoadOptions { MatchBy = KeyMatching.Position });
        Assert.True(result.IsExact);
        Assert.Equal(source["feature.3.weight"].data<float>().ToArray(), Values(model, "conv2.weight"));
        Assert.Equal(new[] { "feature.0.weight", "feature.0.bias", "feature.3.weight" }, result.Mapping.Take(3).Select(m => m.Key));
        Assert.Equal(new[] { "conv1.weight", "conv1.bias", "conv2.weight" }, result.Mapping.Take(3).Select(m => m.Value));
    }

    [Fact]
    public void Position_matching_refuses_the_first_shape_mismatch_by_name_and_copies_nothing()
    {
        using var other = LeNetBuilders.LeNet5(new LeNet5Options { InputSize = 28 }, seed: 1);   // fc1 takes 256, not 400
        using var source = new TensorDict();
        foreach ((string k, Tensor t) in other.state_dict()) source.Add("net." + k, t.detach().clone());
        using var model = LeNetBuilders.LeNet5(seed: 2);
        float[] before = Values(model, "conv1.weight");
        var e = Assert.Throws<StateDictLoadException>(() => StateDictLoader.Load(model, source, new LoadOptions { MatchBy = KeyMatching.Position }));
        Assert.Contains("tensor 4 of the checkpoint, 'net.fc1.weight' [120, 256], does not fit LeNet5's tensor 4, 'fc1.weight' [120, 400]", e.Message);
        Assert.Equal("fc1.weight", Assert.Single(e.Result.ShapeMismatched).Key);
        Assert.Equal(before, Values(model, "conv1.weight"));
    }

    [Fact]
    public void Position_matching_refuses_a_different_count()
    {
        using TensorDict full = Foreign(1);
        using var source = new TensorDict();
        foreach ((string k, Tensor t) in full.Take(8)) source.Add(k, t.alias());
        using var model = LeNetBuilders.LeNet5(seed: 2);
        var e = Assert.Throws<StateDictLoadException>(() => StateDictLoader.Load(model, source, new LoadOptions { MatchBy = KeyMatching.Position }));
        Assert.Contains("the checkpoint has 8 tensors and LeNet5 has 10", e.Message);
        Assert.Equal(new[] { "fc3.weight", "fc3.bias" }, e.Result.Missing);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public void Non_finite_weights_are_refused_naming_the_tensor_unless_allowed(float bad)
    {
        using TensorDict source = Foreign(1, (name, t) =>
        {
            if (name == "classifier.2.weight") t[3, 7] = torch.tensor(bad);
            return t;
        });
        var rules = KeyMapRule.ParseList("feature.0.=conv1.,feature.3.=conv2.,classifier.0.=fc1.,classifier.2.=fc2.,classifier.4.=fc3.");
        using var model = LeNetBuilders.LeNet5(seed: 2);
        float[] before = Values(model, "conv1.weight");
        var e = Assert.Throws<InvalidDataException>(() => StateDictLoader.Load(model, source, new LoadOptions { KeyMapRules = rules }));
        Assert.Contains("'classifier.2.weight' (model key 'fc2.weight') holds 1 of 10080 values that are NaN or infinite", e.Message);
        Assert.Contains("--allow-nonfinite", e.Message);
        Assert.Equal(before, Values(model, "conv1.weight"));

        StateDictLoader.Load(model, source, new LoadOptions { KeyMapRules = rules, AllowNonFinite = true });
        float loaded = model.state_dict()["fc2.weight"][3, 7].item<float>();
        Assert.True(float.IsNaN(bad) ? float.IsNaN(loaded) : loaded == bad);
    }
}
