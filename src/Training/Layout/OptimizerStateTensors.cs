using System.Reflection;
using TorchSharp;
using ModelZoo.Models.Layout;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelZoo.Training.Layout;

/// <summary>The tensors a TorchSharp optimizer keeps per parameter (SGD's momentum buffer, Adam's moments), read through
/// its public <c>state_dict()</c> (the live state objects) and their tensor fields: what a layout change of the
/// parameters must carry along.</summary>
public static class OptimizerStateTensors
{
    /// <summary>Each parameter with every state tensor of its shape; nothing for optimizers that are not TorchSharp's managed ones.</summary>
    public static IEnumerable<(Parameter Parameter, Tensor State)> Of(optim.Optimizer? optimizer)
    {
        if (optimizer is not OptimizerHelper helper) yield break;
        foreach (OptimizerState state in helper.state_dict().State)
        {
            FieldInfo[] fields = state.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            Parameter? parameter = fields.Where(f => f.FieldType == typeof(Parameter)).Select(f => f.GetValue(state) as Parameter).FirstOrDefault(p => p is not null);
            if (parameter is null) continue;
            foreach (FieldInfo field in fields.Where(f => f.FieldType == typeof(Tensor)))
                if (field.GetValue(state) is Tensor t && t.shape.SequenceEqual(parameter.shape))
                    yield return (parameter, t);
        }
    }

    /// <summary>Gives every 4-D state tensor its parameter's layout (after a load created them contiguous), so the
    /// update runs on matching strides.</summary>
    public static void MatchParameterLayout(optim.Optimizer? optimizer)
    {
        using var noGrad = torch.no_grad();
        foreach ((Parameter p, Tensor state) in Of(optimizer))
            if (p.dim() == 4) ChannelsLast.Relayout(state, ChannelsLast.IsChannelsLast(p) && !p.is_contiguous());
    }
}
