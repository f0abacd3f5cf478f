using ModelZoo.Models.Pretrained;

namespace ModelZoo.Models.GoogLeNets;

/// <summary>
/// GoogLeNet's weights rule, as torchvision's <c>googlenet(weights=...)</c>: torchvision's file carries auxiliary heads
/// that were never trained, so catalog weights build the model without them and skip their keys unless
/// <see cref="PretrainedOptions.AuxLogits"/> asks to keep them; a plain file gets heads exactly when it has them.
/// Catalog weights expect <c>transform_input</c> (their training scaled inputs to [-1, 1]); a plain file does not,
/// unless <see cref="PretrainedOptions.TransformInput"/> says so. Every tensor is overwritten, so the init is skipped.
/// </summary>
internal sealed class GoogLeNetWeightsRule : IWeightsRule
{
    public static GoogLeNetWeightsRule Instance { get; } = new();

    public void Check(ModelEntry entry, PretrainedOptions options) { }   // both options apply

    public WeightsBuild Build(WeightsBuildRequest request)
    {
        bool catalog = request.Catalog is not null;
        bool aux = catalog ? request.Pretrained.AuxLogits : request.Shapes.Keys.Any(k => k.StartsWith("aux1.", StringComparison.Ordinal));
        GoogLeNetOptions options = GoogLeNetFamily.ToOptions(request.Options) with
        {
            AuxLogits = aux,
            TransformInput = request.Pretrained.TransformInput ?? catalog,
            InitWeights = false,
        };
        GoogLeNet model = GoogLeNetBuilders.GoogLeNet(options, request.Options.Seed);
        return new WeightsBuild(model, catalog && !request.Pretrained.AuxLogits ? ["aux1", "aux2"] : []);
    }
}
