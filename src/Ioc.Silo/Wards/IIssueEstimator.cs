namespace Ioc.Silo.Wards;

/// <summary>What the center tells a citizen whose ticket was just issued: the wait it expects, in seconds.</summary>
public interface IIssueEstimator
{
    IssueEstimate? EstimateAtIssue(TicketBook book, WaitingKey ticket);
}
