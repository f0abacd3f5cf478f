namespace ModelZoo.Models.Transfer;

/// <summary>
/// Fine-tuning helpers for any <see cref="ImageClassifier"/> (no per-model code: heads are found through
/// <see cref="ImageClassifier.ClassifierName"/>):
/// <code>
/// using ImageClassifier model = PretrainedLoader.Create("resnet18", "DEFAULT");
/// TransferLearning.ReplaceClassifier(model, 2);                  // fc: 512 → 2 (GoogLeNet: fc and the aux heads' fc2)
/// TransferLearning.FreezeBackbone(model);                        // only fc trains
/// // or: TransferLearning.Freeze(model, "conv1", "bn1", "layer1", "layer2");
/// var groups = TransferLearning.HeadAndBackboneGroups(model, backboneLr: 1e-4, headLr: 1e-2);
/// </code>
/// Freezing sets <c>requires_grad = false</c>; optimizers built afterwards skip frozen parameters. BatchNorm running
/// statistics are buffers, not parameters: they still update in training mode unless
/// <see cref="FreezeBatchNormStatistics"/> is used.
/// </summary>
public static class TransferLearning
{
    /// <summary>Replaces the classifier with a freshly initialised one for <paramref name="numClasses"/> outputs (fc,
    /// classifier.6, fc3; GoogLeNet also its aux heads' fc2) on the same device and dtype; returns the new layer, which
    /// is trainable whatever was frozen before.</summary>
    public static nn.Module<Tensor, Tensor> ReplaceClassifier(ImageClassifier model, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (numClasses < 1) throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "A classifier needs at least one class.");
        model.ResetClassifier(numClasses);
        nn.Module<Tensor, Tensor> head = model.GetClassifier();
        foreach (Parameter p in head.parameters()) p.requires_grad = true;
        return head;
    }

    /// <summary>Stops gradient for every parameter under each of <paramref name="paths"/>: module paths ("layer1",
    /// "features.0", "layer4.1.bn2") or parameter names ("fc.weight"). An unknown path throws naming the children
    /// that exist. Returns the number of parameter tensors frozen.</summary>
    public static int Freeze(nn.Module model, params string[] paths) => SetRequiresGrad(model, paths, false);

    /// <summary>The inverse of <see cref="Freeze"/>; with no paths, unfreezes every parameter.</summary>
    public static int Unfreeze(nn.Module model, params string[] paths) =>
        SetRequiresGrad(model, paths.Length == 0 ? [""] : paths, true);

    /// <summary>Freezes everything except the classifier (<see cref="ImageClassifier.ClassifierName"/>) and the
    /// modules named in <paramref name="alsoTrainable"/> (for example GoogLeNet's "aux1", "aux2" when training with
    /// auxiliary heads): Keras' <c>base_model.trainable = False</c>. Returns the number of parameter tensors frozen.</summary>
    public static int FreezeBackbone(ImageClassifier model, params string[] alsoTrainable)
    {
        ArgumentNullException.ThrowIfNull(model);
        string[] head = [model.ClassifierName, .. alsoTrainable];
        foreach (string path in head) ModulePaths.Resolve(model, path);
        int frozen = 0;
        foreach ((string name, Parameter p) in model.named_parameters())
        {
            bool trainable = head.Any(h => ModulePaths.IsUnder(name, h));
            p.requires_grad = trainable;
            if (!trainable) frozen++;
        }
        return frozen;
    }

    /// <summary>Keeps the BatchNorm running mean and variance under <paramref name="paths"/> (all when none are given)
    /// fixed during training by setting their momentum to 0. In training mode BatchNorm still normalises with the
    /// batch's statistics; call <c>eval()</c> on those modules after <c>model.train()</c> to use the stored ones.
    /// Returns the number of BatchNorm layers changed.</summary>
    public static int FreezeBatchNormStatistics(nn.Module model, params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(model);
        string[] roots = paths.Length == 0 ? [""] : paths;
        int count = 0;
        foreach (string root in roots)
        {
            nn.Module start = ModulePaths.Resolve(model, root);
            foreach (nn.Module m in start.modules())
            {
                switch (m)
                {
                    case BatchNorm1d b1: b1.momentum = 0; count++; break;
                    case BatchNorm2d b2: b2.momentum = 0; count++; break;
                    case BatchNorm3d b3: b3.momentum = 0; count++; break;
                }
            }
        }
        return count;
    }

    /// <summary>Parameters that will train (requires_grad).</summary>
    public static IReadOnlyList<Parameter> TrainableParameters(nn.Module model) =>
        model.parameters().Where(p => p.requires_grad).ToArray();

    /// <summary>Number of trainable parameter values.</summary>
    public static long CountTrainable(nn.Module model) => TrainableParameters(model).Sum(p => p.numel());

    /// <summary>Two groups of trainable parameters: the classifier ("head", <paramref name="headLr"/>) and everything
    /// else ("backbone", <paramref name="backboneLr"/>). A group with no trainable parameter is left out.</summary>
    public static IReadOnlyList<ParameterGroup> HeadAndBackboneGroups(ImageClassifier model, double backboneLr, double headLr, params string[] alsoHead)
    {
        ArgumentNullException.ThrowIfNull(model);
        string[] head = [model.ClassifierName, .. alsoHead];
        return Groups(model, head.Select(h => (h, headLr)).ToArray(), ("backbone", backboneLr), "head");
    }

    /// <summary>Groups trainable parameters by module path: each parameter joins the first of <paramref name="rules"/>
    /// whose path contains it, the rest join <paramref name="rest"/>. Empty groups are left out.</summary>
    public static IReadOnlyList<ParameterGroup> ParameterGroups(nn.Module model, (string Path, double LearningRate)[] rules, double restLearningRate) =>
        Groups(model, rules, ("rest", restLearningRate), null);

    private static IReadOnlyList<ParameterGroup> Groups(nn.Module model, (string Path, double LearningRate)[] rules,
        (string Name, double LearningRate) rest, string? ruleGroupName)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach ((string path, double lr) in rules)
        {
            ModulePaths.Resolve(model, path);
            CheckLearningRate(lr, path);
        }
        CheckLearningRate(rest.LearningRate, rest.Name);
        var members = new Dictionary<string, (double Lr, List<Parameter> Parameters)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach ((string name, Parameter p) in model.named_parameters())
        {
            if (!p.requires_grad) continue;
            int rule = Array.FindIndex(rules, r => ModulePaths.IsUnder(name, r.Path));
            string group = rule < 0 ? rest.Name : ruleGroupName ?? rules[rule].Path;
            double lr = rule < 0 ? rest.LearningRate : rules[rule].LearningRate;
            if (!members.TryGetValue(group, out var entry))
            {
                entry = (lr, new List<Parameter>());
                members[group] = entry;
                order.Add(group);
            }
            entry.Parameters.Add(p);
        }
        return order.Select(g => new ParameterGroup(g, members[g].Parameters, members[g].Lr)).ToArray();
    }

    private static void CheckLearningRate(double lr, string what)
    {
        if (!(lr >= 0) || double.IsInfinity(lr))
            throw new ArgumentOutOfRangeException(nameof(lr), lr, $"The learning rate for '{what}' must be a finite number >= 0.");
    }

    private static int SetRequiresGrad(nn.Module model, string[] paths, bool value)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Length == 0) throw new ArgumentException("Name at least one module path (e.g. \"layer1\").", nameof(paths));
        (string Name, Parameter P)[] all = model.named_parameters().ToArray();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            ArgumentNullException.ThrowIfNull(path, nameof(paths));
            bool any = false;
            foreach ((string name, Parameter p) in all)
            {
                if (!ModulePaths.IsUnder(name, path)) continue;
                p.requires_grad = value;
                changed.Add(name);
                any = true;
            }
            if (!any) ModulePaths.Resolve(model, path);   // a parameter-free module (e.g. "relu") is fine; a typo throws
        }
        return changed.Count;
    }
}
