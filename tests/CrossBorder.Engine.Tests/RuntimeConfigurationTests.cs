using System.Numerics;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossBorder.Engine.Tests;

/// <summary>
/// CI runs the tests three times: as the machine allows, with <c>DOTNET_EnableAVX512=0</c> and with
/// <c>DOTNET_EnableHWIntrinsic=0</c>, so that the engine's narrower and scalar paths (span searches, XxHash3, the
/// BCL's vectorised helpers) are tested as well. This test fails when a switch set for the run did not reach the test
/// process, in which case that rerun would test the vectorised paths a second time and prove nothing.
/// </summary>
public class RuntimeConfigurationTests
{
    [Fact]
    public void Hardware_intrinsic_switches_of_the_run_reach_the_test_process()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.False(Vector128.IsHardwareAccelerated);
            Assert.False(Vector.IsHardwareAccelerated);
        }
        if (Environment.GetEnvironmentVariable("DOTNET_EnableAVX512") == "0" || Environment.GetEnvironmentVariable("DOTNET_EnableHWIntrinsic") == "0")
        {
            Assert.False(Avx512F.IsSupported);
            Assert.False(Vector512.IsHardwareAccelerated);
        }
    }
}
