namespace ModelZoo.Models.Inference;

/// <summary>
/// Finds which BatchNorm2d normalises the output of which Conv2d by running one probe batch with forward hooks: a pair
/// is a convolution and a norm each called exactly once, the norm called on the very tensor the convolution returned,
/// with no other convolution or norm in between. That covers conv → bn in blocks, Sequentials and GoogLeNet's
/// BasicConv2d without reading any forward code; whether the convolution's output also feeds something else is not
/// visible to hooks, which is why <see cref="FastInference"/> checks the folded model's output against this probe's.
/// </summary>
internal static class ConvBatchNormPairs
{
    /// <summary>The pairs (paths of the convolution and the norm) and the model's output on <paramref name="probe"/>.</summary>
    public static (IReadOnlyList<(string Conv, string Norm)> Pairs, Tensor Output) Find(ImageClassifier model, Tensor probe)
    {
        var events = new List<(string Path, bool IsConv, IntPtr Input, IntPtr Output)>();
        var removers = new List<Action>();
        Tensor output;
        try
        {
            foreach ((string path, nn.Module module) in ModuleTree.NamedDescendants(model))
            {
                if (module is not (Conv2d or BatchNorm2d)) continue;
                bool isConv = module is Conv2d;
                var typed = (nn.Module<Tensor, Tensor>)module;
                removers.Add(typed.register_forward_hook((_, input, result) =>
                {
                    events.Add((path, isConv, input.Handle, result.Handle));
                    return result;
                }).remove);
            }
            using var noGrad = torch.no_grad();
            output = model.call(probe);
        }
        finally
        {
            foreach (Action remove in removers) remove();
        }
        var calls = events.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Count());
        var pairs = new List<(string, string)>();
        for (int i = 1; i < events.Count; i++)
        {
            var (convPath, isConv, _, convOut) = events[i - 1];
            var (normPath, isNorm, normIn, _) = (events[i].Path, !events[i].IsConv, events[i].Input, events[i].Output);
            if (isConv && isNorm && normIn == convOut && calls[convPath] == 1 && calls[normPath] == 1)
                pairs.Add((convPath, normPath));
        }
        return (pairs, output);
    }
}
