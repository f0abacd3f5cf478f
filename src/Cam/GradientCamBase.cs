namespace ModelZoo.Cam;

/// <summary>Base of the CAM methods that weight the activations by gradients (Grad-CAM, Grad-CAM++, HiResCAM,
/// Layer-CAM, XGrad-CAM): <see cref="CamLayerContext.Gradients"/> is always computed for them.</summary>
/// <param name="model">The model to explain.</param>
/// <param name="options">The target layers and method settings (null: the defaults).</param>
public abstract class GradientCamBase(ImageClassifier model, CamOptions? options = null) : CamBase(model, options)
{
    protected sealed override bool UsesGradients => true;
}
