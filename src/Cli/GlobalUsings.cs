// Every verb builds System.CommandLine options, runs a job from Training.Jobs and prints text or JSON; these
// namespaces are imported once for the project instead of at the top of each file.
global using System.CommandLine;
global using System.Globalization;
global using System.Text.Json;
global using ModelZoo.Cli.Output;
global using ModelZoo.Training.Jobs;
global using ModelZoo.Models;
global using ModelZoo.Training;
global using ModelZoo.Models.Resolution;
global using ModelZoo.Data.Imaging;
