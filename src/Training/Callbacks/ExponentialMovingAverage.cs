using System.Text.Json.Nodes;

namespace ModelZoo.Training.Callbacks;

/// <summary>
/// An exponential moving average of the model's weights (timm's ModelEma): after every applied optimizer step each
/// floating-point state-dict entry (parameters and buffers such as BatchNorm statistics) becomes
/// avg ← d·avg + (1 − d)·weight, integer buffers are copied. With <see cref="Warmup"/> the decay is
/// d = min(<see cref="Decay"/>, (1 + n) / (10 + n)) after n updates, so the average follows the fast early changes. The
/// average is what evaluation measures (swapped in around each validation) and what <see cref="Checkpoints.Checkpoint.Load"/>
/// returns from a training checkpoint; the raw weights keep training and are what resuming restores.
/// </summary>
public sealed class ExponentialMovingAverage : IInferenceWeights, IStatefulCallback
{
    private List<(string Name, Tensor Live, Tensor Average)>? _slots;
    private Dictionary<string, Tensor>? _loaded;
    private IDisposable? _validation;

    public ExponentialMovingAverage(double decay = 0.999, bool warmup = true)
    {
        if (!(decay > 0 && decay < 1)) throw new ArgumentOutOfRangeException(nameof(decay), decay, "The EMA decay must be in (0, 1), e.g. 0.999.");
        Decay = decay;
        Warmup = warmup;
    }

    public double Decay { get; }
    public bool Warmup { get; }

    /// <summary>Updates applied so far (restored on resume).</summary>
    public long Updates { get; private set; }

    /// <summary>The decay the next update uses.</summary>
    public double CurrentDecay => Warmup ? Math.Min(Decay, (1.0 + Updates + 1) / (10.0 + Updates + 1)) : Decay;

    public int Order => -40;
    public string StateKey => "ema";
    public string TensorKey => "ema";

    public void OnFitStart(TrainerContext context)
    {
        DisposeAverages();
        var slots = new List<(string, Tensor, Tensor)>();
        using var noGrad = torch.no_grad();
        foreach ((string name, Tensor live) in context.Model.state_dict())
        {
            Tensor average;
            if (_loaded is not null)
            {
                if (!_loaded.Remove(name, out Tensor? saved) || !saved.shape.SequenceEqual(live.shape))
                    throw new InvalidDataException($"The checkpoint's EMA weights do not fit this model (missing or mis-shaped '{name}').");
                average = saved;
            }
            else
            {
                average = live.detach().clone().DetachFromDisposeScope();
            }
            slots.Add((name, live, average));
        }
        if (_loaded is not null) foreach (Tensor t in _loaded.Values) t.Dispose();
        _loaded = null;
        _slots = slots;
    }

    public void OnAfterOptimizerStep(TrainerContext context, bool applied)
    {
        if (!applied || _slots is null) return;
        double d = CurrentDecay;
        Updates++;
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        foreach ((_, Tensor live, Tensor average) in _slots)
        {
            if (average.is_floating_point()) average.mul_(d).add_(live, alpha: 1 - d);
            else average.copy_(live);
        }
    }

    public void OnValidationStart(TrainerContext context) => _validation = SwapIn(context.Model);

    public void OnValidationEnd(TrainerContext context, EvaluationResult result)
    {
        _validation?.Dispose();
        _validation = null;
    }

    public IDisposable SwapIn(ImageClassifier model)
    {
        List<(string Name, Tensor Live, Tensor Average)> slots = _slots ?? throw new InvalidOperationException("The EMA has no weights before the fit starts.");
        var backup = new List<Tensor>(slots.Count);
        using (torch.no_grad())
            foreach ((_, Tensor live, Tensor average) in slots)
            {
                backup.Add(live.detach().clone().DetachFromDisposeScope());
                live.copy_(average);
            }
        return new Restore(slots, backup);
    }

    /// <summary>Copies the averaged weights into <paramref name="model"/> for good (e.g. after <see cref="Trainer.Fit"/>).</summary>
    public void CopyTo(ImageClassifier model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (_slots is null) throw new InvalidOperationException("The EMA has no weights before the fit starts.");
        Dictionary<string, Tensor> target = model.state_dict();
        using var noGrad = torch.no_grad();
        foreach ((string name, _, Tensor average) in _slots) target[name].copy_(average);
    }

    public IReadOnlyList<KeyValuePair<string, Tensor>> SaveTensors() =>
        (_slots ?? throw new InvalidOperationException("The EMA has no weights before the fit starts.")).Select(s => KeyValuePair.Create(s.Name, s.Average)).ToArray();

    public void LoadTensors(IReadOnlyDictionary<string, Tensor> tensors)
    {
        DisposeAverages();
        _loaded = tensors.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    public JsonNode? SaveState() => new JsonObject { ["updates"] = Updates, ["decay"] = Decay };

    public void LoadState(JsonNode? state) => Updates = state?["updates"]?.GetValue<long>() ?? 0;

    private void DisposeAverages()
    {
        if (_slots is not null) foreach ((_, _, Tensor average) in _slots) average.Dispose();
        _slots = null;
    }

    private sealed class Restore(List<(string Name, Tensor Live, Tensor Average)> slots, List<Tensor> backup) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            using var noGrad = torch.no_grad();
            for (int i = 0; i < slots.Count; i++)
            {
                slots[i].Live.copy_(backup[i]);
                backup[i].Dispose();
            }
        }
    }
}
