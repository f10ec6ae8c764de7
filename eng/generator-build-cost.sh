#!/usr/bin/env bash
# The generators' cost in a real command-line build: 1,000 [Cached] methods in 100 repositories vs 1,000
# [LoggerMessage] methods in 100 classes (Microsoft's generator), each built cold with
# -p:ReportAnalyzer=true -v:detailed; prints the generator and analyzer times MSBuild reports. A third project
# builds the same sources with a generator that only finds the attributed methods (Roslyn's floor).
#   bash eng/generator-build-cost.sh [runs]    one table row per project and run (default 1 run)
set -uo pipefail
runs="${1:-1}"
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="$(mktemp -d /tmp/cachinggen-buildcost.XXXXXX)"
trap 'rm -rf "$work"' EXIT
dotnet run -c Release --project tests/CachingGen.Benchmarks -- --write-synthetic "$work" >/dev/null || exit 1

# A synthetic project over the CachingGen runtime with one generator/analyzer assembly.
cachinggen_project() { # dir analyzer-assembly
  cat > "$1/Synthetic.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>disable</ImplicitUsings></PropertyGroup>
  <ItemGroup>
    <Reference Include="$repo/src/CachingGen/bin/Release/net10.0/CachingGen.dll" />
    <Analyzer Include="$2" />
  </ItemGroup>
</Project>
XML
}
cachinggen_project "$work/cachinggen" "$repo/src/CachingGen.Generator/bin/Release/netstandard2.0/CachingGen.Generator.dll"
floor="$repo/tests/CachingGen.Benchmarks.Floor/bin/Release/netstandard2.0/CachingGen.Benchmarks.Floor.dll"
[ -f "$floor" ] || dotnet build -c Release tests/CachingGen.Benchmarks.Floor >/dev/null || exit 1
mkdir -p "$work/floor" && cp "$work"/cachinggen/*.cs "$work/floor/"
cachinggen_project "$work/floor" "$floor"
cat > "$work/logging/Synthetic.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>disable</ImplicitUsings></PropertyGroup>
  <ItemGroup><PackageReference Include="Microsoft.Extensions.Logging.Abstractions" Version="10.0.13" /></ItemGroup>
</Project>
XML
# Keep the synthetic projects out of the repository's Directory.Build.props / package management.
for p in cachinggen floor logging; do
  echo '<Project></Project>' > "$work/$p/Directory.Build.props"
  echo '<Project></Project>' > "$work/$p/Directory.Packages.props"
done

report() { # name dir generator-assembly
  local name=$1 dir=$2 assembly=$3 log="$work/$1.log"
  dotnet restore "$dir" >/dev/null || return 1
  dotnet build "$dir" --no-restore --no-incremental -p:ReportAnalyzer=true -v:detailed -p:UseSharedCompilation=false > "$log" 2>&1 || { tail -20 "$log"; return 1; }
  local generator analyzer
  # The generator table follows its "Total generator execution time" line; the analyzer table comes first.
  generator=$(sed -n '/Total generator execution time/,$p' "$log" | grep -E "^\s+[0-9.]+\s+[0-9]+\s+($assembly)" | head -1 | awk '{print $1}')
  own_analyzer=$(sed -n '/Total analyzer execution time/,/Total generator execution time/p' "$log" | grep -E "^\s+<?[0-9.]+\s+<?[0-9]+\s+($assembly)" | head -1 | awk '{print $1}')
  analyzer=$(grep -E "Total analyzer execution time" "$log" | head -1 | sed 's/.*: *//')
  echo "| $name | ${generator:-?} s | ${own_analyzer:-0} s | $(grep -E 'Total generator execution time' "$log" | head -1 | sed 's/.*: *//') | ${analyzer:-?} |"
}

echo "| project | its generator | its analyzers | all generators | all analyzers (incl. the SDK's) |"
echo "|---|---:|---:|---:|---:|"
for ((run = 1; run <= runs; run++)); do
  report "1,000 [Cached] methods, 100 repositories" "$work/cachinggen" "CachingGen.Generator"
  report "the same, generator that only finds them (floor)" "$work/floor" "CachingGen.Benchmarks.Floor"
  report "1,000 [LoggerMessage] methods, 100 classes" "$work/logging" "Microsoft.Gen.Logging|Microsoft.Extensions.Logging.Generators"
done
