namespace ModelZoo.Cam.Methods;

/// <summary>XGrad-CAM (Fu et al. 2020): w_k = Σ_ij (A_k · ∂y_c/∂A_k) / (Σ_ij A_k + ε); map = Σ_k w_k A_k (ε = 1e-7).</summary>
public sealed class XGradCam(ImageClassifier model, CamOptions? options = null) : GradientCamBase(model, options)
{
    private const double Epsilon = 1e-7;

    public override string Name => "xgradcam";

    protected override Tensor LayerMap(CamLayerContext layer)
    {
        Tensor a = layer.Activations;
        long[] space = { 2, 3 };
        Tensor weights = (layer.RequireGradients() * a).sum(space, keepdim: true) / (a.sum(space, keepdim: true) + Epsilon);
        return (weights * a).sum(1);
    }
}
