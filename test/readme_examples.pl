#!/usr/bin/env perl
# README examples are real: every ```sql block of README.md runs, in order, in
# one fresh database, and its output must equal the plain ``` block that
# follows it (trailing spaces ignored). Blocks fenced ```sql norun are shown,
# not run (they need a setup the test cluster does not have).
#   test/readme_examples.pl            prints TAP (run inside scripts/throwaway-cluster.sh)
#   test/readme_examples.pl --update   rewrites the output blocks from a real run
use strict;
use warnings;
use IPC::Open3;
use Symbol 'gensym';

my $update = @ARGV && $ARGV[0] eq '--update';
my $readme = 'README.md';
my $database = 'perf_eval_readme';

open(my $in, '<', $readme) or die "cannot read $readme: $!";
my @lines = <$in>;
close($in);

system('createdb', $database) == 0 or die "createdb $database failed\n";

# Run one block through psql's standard input, as a user pasting it would,
# with psql's context lines off; stdout and stderr in the order printed.
sub run_sql {
    my ($sql) = @_;
    my $err = gensym;
    my $pid = open3(my $to, my $from, undef, 'psql', '-X', '-v', 'SHOW_CONTEXT=never', '-d', $database);
    print $to $sql;
    close($to);
    local $/;
    my $out = <$from>;
    waitpid($pid, 0);
    return defined $out ? $out : '';
}

sub normalise { my ($t) = @_; $t =~ s/[ \t]+$//mg; $t =~ s/\n+\z/\n/; return $t; }

my ($n, $failed) = (0, 0);
my @output = @lines;
my $i = 0;
while ($i < @lines) {
    if ($lines[$i] =~ /^```sql\s*$/) {
        my $start = $i + 1;
        my $sql = '';
        $i++;
        while ($i < @lines && $lines[$i] !~ /^```\s*$/) { $sql .= $lines[$i]; $i++; }
        $i++;    # closing fence
        my $actual = run_sql($sql);
        if ($i < @lines && $lines[$i] =~ /^```\s*$/) {
            my $out_start = $i + 1;
            my $expected = '';
            $i++;
            while ($i < @lines && $lines[$i] !~ /^```\s*$/) { $expected .= $lines[$i]; $i++; }
            $n++;
            if ($update) {
                $output[$_] = undef for $out_start .. $i - 1;
                $output[$i] = normalise($actual) . $output[$i];
            } elsif (normalise($actual) eq normalise($expected)) {
                print "ok $n - README example at line $start prints what the README shows\n";
            } else {
                $failed++;
                print "not ok $n - README example at line $start prints what the README shows\n";
                print map { "#   $_\n" } "expected:", split(/\n/, $expected), "actual:", split(/\n/, $actual);
            }
            $i++;
        } elsif ($actual =~ /ERROR/) {
            $n++;
            $failed++ unless $update;
            print "not ok $n - README example at line $start runs without error\n# $actual" unless $update;
        }
        next;
    }
    $i++;
}

system('dropdb', $database);
if ($update) {
    open(my $outf, '>', $readme) or die "cannot write $readme: $!";
    print $outf grep { defined } @output;
    close($outf);
    print STDERR "README.md: $n output blocks rewritten from a real run\n";
    exit 0;
}
print "1..$n\n";
exit($failed ? 1 : 0);
