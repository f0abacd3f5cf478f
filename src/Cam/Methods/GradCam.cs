namespace ModelZoo.Cam.Methods;

/// <summary>Grad-CAM (Selvaraju et al. 2017): α_k = mean over positions of ∂y_c/∂A_k; map = Σ_k α_k A_k. Any model, any layer.</summary>
public sealed class GradCam(ImageClassifier model, CamOptions? options = null) : GradientCamBase(model, options)
{
    public override string Name => "gradcam";

    protected override Tensor LayerMap(CamLayerContext layer)
    {
        Tensor alpha = layer.RequireGradients().mean(new long[] { 2, 3 }, keepdim: true);
        return (alpha * layer.Activations).sum(1);
    }
}
