using System.Reflection;
using TorchSharp.Modules;

namespace ModelZoo.Training.Precision;

/// <summary>
/// Runs a model's forward with reduced-precision copies of its weights while the registered parameters stay the
/// float32 masters (the optimizer's, the checkpoint's and the evaluator's). While entered, each parameter field of a
/// compute module (convolution, linear, custom layers) holds <c>master.to(dtype)</c>, a differentiable cast, so
/// backward produces float32 gradients on the masters; a forward pre-hook casts the module's floating input to the
/// same dtype. Normalisation layers keep float32 weights and statistics (libtorch accepts reduced-precision input
/// with float32 affine parameters). A module whose parameters are not all reachable through fields keeps float32
/// weights and gets its input cast to float32.
/// </summary>
internal sealed class ShadowWeights : IDisposable
{
    private sealed record Slot(nn.Module Module, FieldInfo Field, Parameter Master);

    private readonly ScalarType _dtype;
    private readonly List<Slot> _slots = new();
    private readonly List<Action> _unhook = new();
    private readonly List<Parameter> _shadows = new();
    private bool _active;

    public ShadowWeights(nn.Module model, ScalarType dtype)
    {
        _dtype = dtype;
        var seen = new HashSet<nn.Module>(ReferenceEqualityComparer.Instance);
        foreach (nn.Module module in model.modules().Prepend(model))
        {
            if (!seen.Add(module)) continue;
            Parameter[] own = module.named_parameters(recurse: false).Select(p => p.parameter).ToArray();
            if (own.Length == 0 || IsNormalization(module) || module is not nn.Module<Tensor, Tensor> hookable) continue;
            List<(FieldInfo, Parameter)>? fields = ParameterFields(module, own);
            if (fields is null)
            {
                _unhook.Add(hookable.register_forward_pre_hook((_, x) => CastInput(x, ScalarType.Float32)).remove);
                continue;
            }
            foreach ((FieldInfo field, Parameter master) in fields) _slots.Add(new Slot(module, field, master));
            _unhook.Add(hookable.register_forward_pre_hook((_, x) => CastInput(x, _dtype)).remove);
        }
    }

    public ScalarType Dtype => _dtype;

    /// <summary>Number of parameters that run in <see cref="Dtype"/> inside the context.</summary>
    public int ShadowedCount => _slots.Count;

    /// <summary>Swaps in reduced-precision weights until the returned scope is disposed.</summary>
    public IDisposable Enter()
    {
        if (_active) throw new InvalidOperationException("The reduced-precision forward context is already entered.");
        try
        {
            foreach (Slot slot in _slots)
            {
                var shadow = new Parameter(slot.Master.to_type(_dtype), slot.Master.requires_grad);
                _shadows.Add(shadow);
                slot.Field.SetValue(slot.Module, shadow);
            }
            _active = true;
        }
        catch
        {
            Restore();
            throw;
        }
        return new Scope(this);
    }

    public void Dispose()
    {
        Restore();
        foreach (Action unhook in _unhook) unhook();
        _unhook.Clear();
    }

    private void Restore()
    {
        foreach (Slot slot in _slots) slot.Field.SetValue(slot.Module, slot.Master);
        foreach (Parameter shadow in _shadows) shadow.Dispose();   // autograd keeps what backward needs
        _shadows.Clear();
        _active = false;
    }

    private Tensor CastInput(Tensor x, ScalarType dtype) =>
        _active && x.is_floating_point() && x.dtype != dtype ? x.to_type(dtype) : x;

    private static bool IsNormalization(nn.Module module) =>
        module is NormBase or GroupNorm or LayerNorm || module.GetType().Name.Contains("Norm", StringComparison.Ordinal);

    /// <summary>The instance fields holding each of <paramref name="own"/>, or null when one is not held by a field.</summary>
    private static List<(FieldInfo, Parameter)>? ParameterFields(nn.Module module, Parameter[] own)
    {
        var found = new List<(FieldInfo, Parameter)>();
        for (Type? t = module.GetType(); t != null && t != typeof(nn.Module); t = t.BaseType)
        {
            foreach (FieldInfo field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.FieldType.IsAssignableFrom(typeof(Parameter)) || field.GetValue(module) is not Parameter value) continue;
                if (own.Any(p => ReferenceEquals(p, value) || p.Handle == value.Handle)) found.Add((field, value));
            }
        }
        bool all = own.All(p => found.Any(f => ReferenceEquals(f.Item2, p) || f.Item2.Handle == p.Handle));
        return all ? found : null;
    }

    private sealed class Scope : IDisposable
    {
        private ShadowWeights? _owner;
        public Scope(ShadowWeights owner) { _owner = owner; }
        public void Dispose()
        {
            _owner?.Restore();
            _owner = null;
        }
    }
}
