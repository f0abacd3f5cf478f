namespace ModelZoo.Cam;

/// <summary>
/// Puts a model in eval mode with every parameter frozen for the duration of a CAM computation and restores each
/// module's train/eval mode and each parameter's <c>requires_grad</c> flag on <see cref="Dispose"/>, also after an
/// exception (the one place this state is changed).
/// </summary>
internal sealed class ModelStateGuard : IDisposable
{
    private readonly (nn.Module Module, bool Training)[] _modes;
    private readonly (TorchSharp.Modules.Parameter Parameter, bool RequiresGrad)[] _parameters;
    private bool _restored;

    private ModelStateGuard(nn.Module model)
    {
        _modes = new[] { (model, model.training) }
            .Concat(ModuleTree.NamedDescendants(model).Select(d => (d.Module, d.Module.training))).ToArray();
        _parameters = model.parameters().Select(p => (p, p.requires_grad)).ToArray();
    }

    /// <summary>Records the state of <paramref name="model"/>, then switches it to eval mode and freezes its parameters.</summary>
    public static ModelStateGuard EvalFrozen(nn.Module model)
    {
        var guard = new ModelStateGuard(model);
        try
        {
            model.eval();
            foreach ((TorchSharp.Modules.Parameter p, _) in guard._parameters) p.requires_grad = false;
        }
        catch
        {
            guard.Dispose();
            throw;
        }
        return guard;
    }

    public void Dispose()
    {
        if (_restored) return;
        _restored = true;
        foreach ((TorchSharp.Modules.Parameter p, bool requiresGrad) in _parameters) p.requires_grad = requiresGrad;
        // train(bool) is recursive, so a pre-order walk leaves every module with its own recorded mode.
        if (_modes.All(m => m.Training == _modes[0].Training))
        {
            _modes[0].Module.train(_modes[0].Training);
            return;
        }
        foreach ((nn.Module module, bool training) in _modes) module.train(training);
    }
}
