namespace ModelZoo.Cam.Methods;

/// <summary>
/// Eigen-CAM (Muhammad and Yeasin 2020), class-agnostic and gradient-free: per image, the activations as an
/// [h·w, K] matrix, centred over positions, projected on their first right singular vector (first principal
/// component). The singular vector's sign is arbitrary, so it is chosen to make the projection correlate positively
/// with the channel sum of the activations (where the layer fires).
/// </summary>
public sealed class EigenCam(ImageClassifier model, CamOptions? options = null) : CamBase(model, options)
{
    public override string Name => "eigencam";

    protected override Tensor LayerMap(CamLayerContext layer)
    {
        Tensor a = layer.Activations;
        long n = a.shape[0], k = a.shape[1], h = a.shape[2], w = a.shape[3];
        var maps = new Tensor[n];
        for (long i = 0; i < n; i++)
        {
            Tensor image = a.select(0, i);
            Tensor x = image.reshape(k, h * w).t();
            x = x - x.mean(new long[] { 0 }, keepdim: true);
            (_, _, Tensor vh) = torch.linalg.svd(x, fullMatrices: false);
            Tensor projection = x.matmul(vh.select(0, 0));
            Tensor firing = image.sum(new long[] { 0 }).flatten();
            if (projection.dot(firing).item<float>() < 0) projection = projection.neg();
            maps[i] = projection.reshape(h, w);
        }
        return torch.stack(maps);
    }
}
